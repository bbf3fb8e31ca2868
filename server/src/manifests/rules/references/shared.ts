/** Helpers shared by the references rules. */
import { namespaceOf } from '../../model';
import { drydockDocs, hit, kubeLinterDocs, type ManifestRule } from '../rule';

export const name = (r: { kind: string; name: string | null }) => `${r.kind} ${r.name ?? '(unnamed)'}`;

export const missing = (id: string, kind: string, title: string, origin: 'drydock' | 'kube-linter' = 'drydock'): ManifestRule => ({
  meta: {
    id, title, severity: 'warning', origin, docs: origin === 'kube-linter' ? kubeLinterDocs(id) : drydockDocs(id.replace('drydock/', '')),
    examples: kind === 'ServiceAccount'
      ? { bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: robot\n  containers:\n    - name: c\n      image: c:1.0\n', good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: robot\n  containers:\n    - name: c\n      image: c:1.0\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n' }
      : kind === 'PersistentVolumeClaim'
        ? { bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n  containers:\n    - name: c\n      image: c:1.0\n', good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n  containers:\n    - name: c\n      image: c:1.0\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n' }
        : {
          bad: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: settings\n`,
          good: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: settings\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: extra\n            optional: true\n---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: settings\n`,
        },
  },
  check({ graph }) {
    return graph.edges
      .filter((e) => e.relation === 'uses' && !e.to && !e.optional && e.target.startsWith(`${kind}/`))
      .map((e) => hit(e.from, e.path, `${kind} ${e.target.split('/').pop()} does not exist in namespace ${namespaceOf(e.from)}${e.label ? ` (${e.label})` : ''}; the pod will not start. Create it, fix the name, or mark the reference optional: true.`, {
        fixes: kind === 'ConfigMap' || kind === 'Secret' ? [createFix(e.from, kind, e.target.split('/').pop()!)] : undefined,
      }));
  },
});

export function createFix(from: import('../../parse').Resource, kind: string, name: string) {
  const ns = namespaceOf(from);
  const end = from.doc.range ? from.doc.range[2] ?? from.doc.range[1] : 0;
  void end;
  return {
    title: `Create ${kind} ${name} in a new document`,
    edits: [{ range: { start: from.range.end, end: from.range.end }, newText: `\n---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}${ns && ns !== 'default' ? `\n  namespace: ${ns}` : ''}\n${kind === 'Secret' ? 'type: Opaque\nstringData: {}\n' : 'data: {}\n'}` }],
  };
}
