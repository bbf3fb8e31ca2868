import { hit, kubeLinterDocs, type ManifestRule } from '../rule';

export const danglingHpa: ManifestRule = {
  meta: {
    id: 'dangling-horizontalpodautoscaler', title: 'HorizontalPodAutoscaler targets a missing workload', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('dangling-horizontalpodautoscaler'),
    examples: {
      bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 5\n',
      good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 5\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n',
    },
  },
  check({ graph }) {
    return graph.edges.filter((e) => e.relation === 'scales' && !e.to).map((e) => hit(e.from, e.path, `HorizontalPodAutoscaler ${e.from.name} scales ${e.target.split('/')[0]} ${e.target.split('/').pop()}, which does not exist.`));
  },
};
