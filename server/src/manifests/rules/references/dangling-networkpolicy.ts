import { hit, kubeLinterDocs, type ManifestRule } from '../rule';

export const danglingNetworkPolicy: ManifestRule = {
  meta: {
    id: 'dangling-networkpolicy', title: 'NetworkPolicy selects no pods', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('dangling-networkpolicy'),
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: nothing-has-this\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n',
    },
  },
  check({ graph }) {
    return graph.edges.filter((e) => e.relation === 'selects' && e.from.kind === 'NetworkPolicy' && !e.to).map((e) => hit(e.from, e.path, `NetworkPolicy ${e.from.name} selects no pods (${e.target}); it has no effect.`));
  },
};
