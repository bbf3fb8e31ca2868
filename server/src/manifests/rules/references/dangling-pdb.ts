import { drydockDocs, hit, type ManifestRule } from '../rule';

export const danglingPdb: ManifestRule = {
  meta: {
    id: 'drydock/dangling-pdb', title: 'PodDisruptionBudget selects no pods', severity: 'warning', origin: 'drydock', docs: drydockDocs('dangling-pdb'),
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n',
    },
  },
  check({ graph }) {
    return graph.edges.filter((e) => e.relation === 'selects' && e.from.kind === 'PodDisruptionBudget' && !e.to).map((e) => hit(e.from, e.path, `PodDisruptionBudget ${e.from.name} selects no pods (${e.target}); it protects nothing.`));
  },
};
