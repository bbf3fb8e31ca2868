import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';

/** configMapKeyRef / secretKeyRef naming a key the ConfigMap or Secret does not have. */
export const missingKey: ManifestRule = {
  meta: {
    id: 'drydock/missing-key', title: 'Referenced ConfigMap or Secret key does not exist', severity: 'warning', origin: 'drydock', docs: drydockDocs('missing-key'),
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: cfg\n              key: LOGLEVEL\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: cfg\n              key: LOG_LEVEL\n',
    },
  },
  check({ graph }) {
    const out: ManifestHit[] = [];
    for (const e of graph.edges) {
      if (e.relation !== 'uses' || !e.to || e.key === undefined || e.optional) continue;
      const o = e.to.object as any;
      const keys = new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})]);
      if (keys.has(e.key)) continue;
      const keyPath = [...e.path.slice(0, -1), 'key'];
      out.push(hit(e.from, keyPath, `${e.to.kind} ${e.to.name} has no key "${e.key}" (keys: ${[...keys].join(', ') || 'none'}); the container will not start.`, {
        related: [{ resource: e.to, path: [e.to.kind === 'Secret' && o.stringData ? 'stringData' : 'data'], message: `keys of ${e.to.kind} ${e.to.name}` }],
      }));
    }
    return out;
  },
};
