import { podTemplateOf, containersOf } from '../../model';
import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';

/** A Service targetPort (number or name) that no selected container exposes. */
export const serviceTargetPort: ManifestRule = {
  meta: {
    id: 'drydock/service-target-port', title: 'Service targetPort is not exposed by any selected container', severity: 'warning', origin: 'drydock', docs: drydockDocs('service-target-port'),
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n      ports:\n        - name: web\n          containerPort: 8080\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n      ports:\n        - name: http\n          containerPort: 8080\n',
    },
  },
  check({ graph }) {
    const out: ManifestHit[] = [];
    const bySvc = new Map<(typeof graph.resources)[number], Array<(typeof graph.resources)[number]>>();
    for (const e of graph.edges) if (e.relation === 'selects' && e.from.kind === 'Service' && e.to) bySvc.set(e.from, [...(bySvc.get(e.from) ?? []), e.to]);
    for (const [svc, workloads] of bySvc) {
      const ports = ((svc.object as any).spec?.ports ?? []) as Array<{ port?: number; targetPort?: number | string }>;
      ports.forEach((p, i) => {
        const target = p.targetPort ?? p.port;
        if (target === undefined) return;
        const exposed = workloads.some((w) => containersOf(podTemplateOf(w)!).some((c) => ((c.container.ports ?? []) as Array<{ name?: string; containerPort?: number }>).some((cp) => (typeof target === 'number' ? cp.containerPort === target : cp.name === target))));
        // A numeric port need not be declared by the container (it may still listen there); a name must resolve.
        if (!exposed && typeof target === 'string') {
          out.push(hit(svc, ['spec', 'ports', i, p.targetPort !== undefined ? 'targetPort' : 'port'], `No container of the selected pods (${workloads.map((w) => w.name).join(', ')}) has a port named "${target}": traffic to this port goes nowhere.`));
        }
      });
    }
    return out;
  },
};
