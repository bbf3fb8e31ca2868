import { isClusterScoped } from '../../model';
import { hit, kubeLinterDocs, type ManifestRule } from '../rule';

export const defaultNamespace: ManifestRule = {
  meta: {
    id: 'use-namespace', title: 'Resource goes to the default namespace', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('use-namespace'),
    examples: { bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' },
  },
  check({ resources }) {
    return resources.filter((r) => !isClusterScoped(r.kind) && (r.namespace === null || r.namespace === 'default') && r.kind !== 'List').map((r) =>
      hit(r, r.namespace ? ['metadata', 'namespace'] : ['metadata', 'name'], `${r.kind} ${r.name ?? ''} goes to the "default" namespace; give workloads a namespace of their own.`));
  },
};
