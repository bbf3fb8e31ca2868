import { hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from '../rule';
import { POD, perContainer, cname,  } from './shared';

/** A probe on a port the container does not declare (by name: it cannot resolve at all). */
export const probePort: ManifestRule = {
  meta: {
    id: 'liveness-port', title: 'Probe uses a port the container does not expose', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('liveness-port'),
    examples: {
      bad: POD('', '      ports:\n        - name: http\n          containerPort: 8080\n      livenessProbe:\n        httpGet:\n          path: /\n          port: web\n'),
      good: POD('', '      ports:\n        - name: http\n          containerPort: 8080\n      livenessProbe:\n        httpGet:\n          path: /\n          port: http\n'),
    },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      const out: ManifestHit[] = [];
      const ports = (c.container.ports ?? []) as Array<{ name?: string; containerPort?: number }>;
      for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const p = c.container[field];
        const kind = p?.httpGet ? 'httpGet' : p?.tcpSocket ? 'tcpSocket' : p?.grpc ? 'grpc' : null;
        if (!kind) continue;
        const port = p[kind].port;
        if (typeof port === 'string' && !ports.some((x) => x.name === port)) {
          out.push(hit(r, [...c.path, field, kind, 'port'], `${field} of ${cname(c)} uses port "${port}", which the container does not name (${ports.map((x) => x.name).filter(Boolean).join(', ') || 'no named ports'}).`));
        }
      }
      return out;
    });
  },
};
