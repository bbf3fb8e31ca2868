import { hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from '../rule';

/** A PodDisruptionBudget that allows no voluntary eviction blocks node drains and upgrades forever. */
export const pdbBlocksEviction: ManifestRule = {
  meta: {
    id: 'pdb-max-unavailable', title: 'PodDisruptionBudget allows no eviction', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('pdb-max-unavailable'),
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n',
    },
  },
  check({ resources, graph }) {
    const out: ManifestHit[] = [];
    for (const r of resources.filter((x) => x.kind === 'PodDisruptionBudget')) {
      const spec = (r.object as any).spec ?? {};
      if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
        out.push(hit(r, ['spec', 'maxUnavailable'], 'maxUnavailable: 0 allows no voluntary eviction: node drains and cluster upgrades will hang.'));
        continue;
      }
      if (spec.minAvailable === '100%') {
        out.push(hit(r, ['spec', 'minAvailable'], 'minAvailable: 100% allows no voluntary eviction: node drains and cluster upgrades will hang.'));
        continue;
      }
      if (typeof spec.minAvailable === 'number') {
        const pods = graph.edges.filter((e) => e.from === r && e.relation === 'selects' && e.to).reduce((n, e) => n + (typeof (e.to!.object as any).spec?.replicas === 'number' ? (e.to!.object as any).spec.replicas : 1), 0);
        if (pods > 0 && spec.minAvailable >= pods) {
          out.push(hit(r, ['spec', 'minAvailable'], `minAvailable: ${spec.minAvailable} with ${pods} selected pod(s) allows no voluntary eviction: node drains will hang.`));
        }
      }
    }
    return out;
  },
};
