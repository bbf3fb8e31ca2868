import { namespaceOf } from '../../model';
import { hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from '../rule';

/** An Ingress backend naming a Service that does not exist, or a port the Service does not have. */
export const danglingIngress: ManifestRule = {
  meta: {
    id: 'dangling-ingress', title: 'Ingress backend points to a missing Service or port', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('dangling-ingress'),
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
    },
  },
  check({ graph }) {
    const out: ManifestHit[] = [];
    for (const e of graph.edges.filter((x) => x.relation === 'routes')) {
      if (!e.to) {
        out.push(hit(e.from, e.path, `Ingress ${e.from.name} routes to Service ${e.target.split('/').pop()}, which does not exist in namespace ${namespaceOf(e.from)}.`));
        continue;
      }
      if (e.port === undefined) continue;
      const ports = ((e.to.object as any).spec?.ports ?? []) as Array<{ port?: number; name?: string }>;
      const ok = typeof e.port === 'number' ? ports.some((p) => p.port === e.port) : ports.some((p) => p.name === e.port);
      if (!ok) {
        const have = ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ') || 'none';
        const portPath = [...e.path.slice(0, -1), 'port', typeof e.port === 'number' ? 'number' : 'name'];
        out.push(hit(e.from, portPath, `Service ${e.to.name} has no port ${typeof e.port === 'number' ? e.port : `named "${e.port}"`} (its ports: ${have}).`, {
          related: [{ resource: e.to, path: ['spec', 'ports'], message: `ports of Service ${e.to.name}` }],
        }));
      }
    }
    return out;
  },
};
