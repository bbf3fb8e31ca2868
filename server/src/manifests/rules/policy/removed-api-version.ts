import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';
import { DEPRECATED } from './shared';

export const deprecatedApi: ManifestRule = {
  meta: {
    id: 'drydock/removed-api-version', title: 'apiVersion is no longer served', severity: 'error', origin: 'drydock', docs: drydockDocs('removed-api-version'),
    examples: {
      bad: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n',
    },
  },
  check({ resources }) {
    const out: ManifestHit[] = [];
    for (const r of resources) {
      const d = DEPRECATED.find((x) => x.apiVersion === r.apiVersion && (!x.kinds || x.kinds.includes(r.kind)));
      if (!d) continue;
      const canReplace = !d.replacement.startsWith('(');
      out.push(hit(r, ['apiVersion'], `${r.apiVersion} ${r.kind} was removed in Kubernetes ${d.removedIn}; use ${d.replacement}${canReplace ? ' (the schema may differ: check the fields)' : ''}.`, {
        replaceValue: canReplace ? { title: `Use ${d.replacement}`, text: d.replacement } : undefined,
      }));
    }
    return out;
  },
};
