import { namespaceOf, resourceKey } from '../../model';
import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';
import { name } from './shared';

/** Two documents declaring the same kind, namespace and name: the second apply overwrites the first. */
export const duplicateResource: ManifestRule = {
  meta: {
    id: 'drydock/duplicate-resource', title: 'The same resource is declared twice', severity: 'error', origin: 'drydock', docs: drydockDocs('duplicate-resource'),
    examples: { bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n' },
  },
  check({ resources }) {
    const seen = new Map<string, (typeof resources)[number]>();
    const out: ManifestHit[] = [];
    for (const r of resources) {
      if (!r.name) continue;
      const key = resourceKey(r);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, r);
        continue;
      }
      out.push(hit(r, ['metadata', 'name'], `${name(r)} is declared more than once${namespaceOf(r) ? ` in namespace ${namespaceOf(r)}` : ''}; applying both keeps only the last.`, {
        related: [{ resource: first, path: ['metadata', 'name'], message: 'first declared here' }],
      }));
    }
    return out;
  },
};
