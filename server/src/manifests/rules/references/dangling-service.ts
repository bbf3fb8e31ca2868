import { namespaceOf, podTemplateOf } from '../../model';
import { hit, kubeLinterDocs, yamlScalar, type ManifestHit, type ManifestRule } from '../rule';

/** A Service whose selector matches no pods: it has no endpoints, every request fails. */
export const danglingService: ManifestRule = {
  meta: {
    id: 'dangling-service', title: 'Service selects no pods', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('dangling-service'),
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  containers:\n    - name: api\n      image: api:1.0\n',
    },
  },
  check({ graph }) {
    return graph.edges.filter((e) => e.relation === 'selects' && e.from.kind === 'Service' && !e.to).map((e) => {
      const near = graph.resources.filter((w) => podTemplateOf(w) && namespaceOf(w) === namespaceOf(e.from));
      const hint = near.length ? ` Pods in namespace ${namespaceOf(e.from)} are labelled: ${near.slice(0, 3).map((w) => `${w.name} {${Object.entries(podTemplateOf(w)!.labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`).join('; ')}.` : '';
      // Align the selector with a workload whose pods carry every selector key, only with other values.
      const selector = ((e.from.object as any).spec?.selector ?? {}) as Record<string, unknown>;
      const pathFixes: NonNullable<ManifestHit['pathFixes']> = near.flatMap((w) => {
        const labels = podTemplateOf(w)!.labels;
        const keys = Object.keys(selector);
        if (!keys.every((k) => k in labels)) return [];
        const edits = keys.filter((k) => String(selector[k]) !== labels[k]).map((k) => ({ path: ['spec', 'selector', k], newText: yamlScalar(labels[k]) }));
        return edits.length ? [{ title: `Align the selector with the pods of ${w.kind} ${w.name}`, resource: e.from, edits }] : [];
      }).slice(0, 3);
      // Or label a workload's pods with the missing selector labels (when it has none of those keys yet).
      if (pathFixes.length === 0) {
        for (const w of near.slice(0, 3)) {
          const t = podTemplateOf(w)!;
          const keys = Object.keys(t.labels);
          if (keys.length === 0 || Object.keys(selector).some((k) => k in t.labels)) continue;
          const add = Object.entries(selector).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(String(v))}`).join('\n');
          pathFixes.push({ title: `Add the label${Object.keys(selector).length > 1 ? 's' : ''} ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')} to the pods of ${w.kind} ${w.name}`, resource: w, edits: [{ path: [...t.labelsPath, keys[keys.length - 1]], insertAfterLine: true, newText: add }] });
        }
      }
      return hit(e.from, e.path, `Service ${e.from.name} selects no pods (${e.target}), so it has no endpoints.${hint}`, pathFixes.length ? { pathFixes } : {});
    });
  },
};
