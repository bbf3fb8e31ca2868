import { hit, kubeLinterDocs, type ManifestRule } from '../rule';

/** A Service of type NodePort or LoadBalancer is reachable from outside the cluster. */
export const exposedService: ManifestRule = {
  meta: {
    id: 'exposed-services', title: 'Service is exposed outside the cluster', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('exposed-services'),
    examples: { bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n', good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n    - port: 80\n' },
  },
  check({ resources }) {
    return resources.filter((r) => r.kind === 'Service' && ['NodePort', 'LoadBalancer'].includes((r.object as any).spec?.type)).map((r) =>
      hit(r, ['spec', 'type'], `Service ${r.name} (type ${(r.object as any).spec.type}) is reachable from outside the cluster; route through an Ingress unless that is intended.`));
  },
};
