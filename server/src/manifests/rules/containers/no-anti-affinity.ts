import { podTemplateOf, replicasOf } from '../../model';
import { hit, kubeLinterDocs, type ManifestRule } from '../rule';

/** replicas > 1 with no anti-affinity or topology spread: all replicas may land on one node. */
export const noAntiAffinity: ManifestRule = {
  meta: {
    id: 'no-anti-affinity', title: 'Replicas may all land on one node', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('no-anti-affinity'),
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: w\n  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      containers:\n        - name: w\n          image: w:1.0\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: w\n  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: w\n      containers:\n        - name: w\n          image: w:1.0\n',
    },
  },
  check({ resources }) {
    return resources.flatMap((r) => {
      const n = replicasOf(r);
      const t = podTemplateOf(r);
      if (!t || n === null || n <= 1 || r.kind === 'Pod') return [];
      const spec = t.spec as any;
      if (spec.affinity?.podAntiAffinity || (spec.topologySpreadConstraints ?? []).length) return [];
      return [hit(r, ['spec', 'replicas'], `${n} replicas with no pod anti-affinity or topology spread: one node failure can take them all down.`)];
    });
  },
};
