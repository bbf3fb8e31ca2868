import { namespaceOf, podTemplateOf } from '../../model';
import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';
import { labelSelectorFromObject } from '../../../k8s/index';
import { name } from './shared';

/** A workload whose selector also matches another workload's pods: controllers fight over them. */
export const selectorOverlap: ManifestRule = {
  meta: {
    id: 'drydock/selector-overlap', title: "A workload's selector also selects another workload's pods", severity: 'warning', origin: 'drydock', docs: drydockDocs('selector-overlap'),
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      tier: web\n  template:\n    metadata:\n      labels:\n        tier: web\n        app: a\n    spec:\n      containers:\n        - name: a\n          image: a:1.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  selector:\n    matchLabels:\n      app: b\n  template:\n    metadata:\n      labels:\n        tier: web\n        app: b\n    spec:\n      containers:\n        - name: b\n          image: b:1.0\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        tier: web\n        app: a\n    spec:\n      containers:\n        - name: a\n          image: a:1.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  selector:\n    matchLabels:\n      app: b\n  template:\n    metadata:\n      labels:\n        tier: web\n        app: b\n    spec:\n      containers:\n        - name: b\n          image: b:1.0\n',
    },
  },
  check({ resources, graph }) {
    const out: ManifestHit[] = [];
    for (const r of resources) {
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(r.kind)) continue;
      let sel;
      try {
        sel = labelSelectorFromObject((r.object as any).spec?.selector);
      } catch {
        continue;
      }
      for (const other of graph.selected(sel, namespaceOf(r))) {
        if (other === r || other.kind === 'Pod') continue;
        out.push(hit(r, ['spec', 'selector'], `The selector of ${name(r)} also matches the pods of ${name(other)}; their controllers will fight over them. Add a label that only ${r.name}'s pods carry.`, {
          related: [{ resource: other, path: podTemplateOf(other)!.labelsPath, message: `labels of ${name(other)}'s pods` }],
        }));
      }
    }
    return out;
  },
};
