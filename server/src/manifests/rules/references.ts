import { namespaceOf, podTemplateOf, containersOf, resourceKey } from '../model';
import { drydockDocs, hit, kubeLinterDocs, yamlScalar, type ManifestHit, type ManifestRule } from './rule';
import { labelSelectorFromObject } from '../../k8s/index';

const name = (r: { kind: string; name: string | null }) => `${r.kind} ${r.name ?? '(unnamed)'}`;

/** A Service whose selector matches no pods: it has no endpoints, every request fails. */
export const danglingService: ManifestRule = {
  meta: {
    id: 'dangling-service', title: 'Service selects no pods', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('dangling-service'),
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  labels:\n    app: api\nspec:\n  containers:\n    - name: api\n      image: api:1.0\n',
    },
  },
  check({ graph }) {
    return graph.edges.filter((e) => e.relation === 'selects' && e.from.kind === 'Service' && !e.to).map((e) => {
      const near = graph.resources.filter((w) => podTemplateOf(w) && namespaceOf(w) === namespaceOf(e.from));
      const hint = near.length ? ` Pods in namespace ${namespaceOf(e.from)} are labelled: ${near.slice(0, 3).map((w) => `${w.name} {${Object.entries(podTemplateOf(w)!.labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`).join('; ')}.` : '';
      // Align the selector with a workload whose pods carry every selector key, only with other values.
      const selector = ((e.from.object as any).spec?.selector ?? {}) as Record<string, unknown>;
      const pathFixes: NonNullable<ManifestHit['pathFixes']> = near.flatMap((w) => {
        const labels = podTemplateOf(w)!.labels;
        const keys = Object.keys(selector);
        if (!keys.every((k) => k in labels)) return [];
        const edits = keys.filter((k) => String(selector[k]) !== labels[k]).map((k) => ({ path: ['spec', 'selector', k], newText: yamlScalar(labels[k]) }));
        return edits.length ? [{ title: `Align the selector with the pods of ${w.kind} ${w.name}`, resource: e.from, edits }] : [];
      }).slice(0, 3);
      // Or label a workload's pods with the missing selector labels (when it has none of those keys yet).
      if (pathFixes.length === 0) {
        for (const w of near.slice(0, 3)) {
          const t = podTemplateOf(w)!;
          const keys = Object.keys(t.labels);
          if (keys.length === 0 || Object.keys(selector).some((k) => k in t.labels)) continue;
          const add = Object.entries(selector).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(String(v))}`).join('\n');
          pathFixes.push({ title: `Add the label${Object.keys(selector).length > 1 ? 's' : ''} ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')} to the pods of ${w.kind} ${w.name}`, resource: w, edits: [{ path: [...t.labelsPath, keys[keys.length - 1]], insertAfterLine: true, newText: add }] });
        }
      }
      return hit(e.from, e.path, `Service ${e.from.name} selects no pods (${e.target}), so it has no endpoints.${hint}`, pathFixes.length ? { pathFixes } : {});
    });
  },
};

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

const missing = (id: string, kind: string, title: string, origin: 'drydock' | 'kube-linter' = 'drydock'): ManifestRule => ({
  meta: {
    id, title, severity: 'warning', origin, docs: origin === 'kube-linter' ? kubeLinterDocs(id) : drydockDocs(id.replace('drydock/', '')),
    examples: kind === 'ServiceAccount'
      ? { bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: robot\n  containers:\n    - name: c\n      image: c:1.0\n', good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName: robot\n  containers:\n    - name: c\n      image: c:1.0\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n' }
      : kind === 'PersistentVolumeClaim'
        ? { bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n  containers:\n    - name: c\n      image: c:1.0\n', good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: data\n  containers:\n    - name: c\n      image: c:1.0\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n' }
        : {
          bad: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: settings\n`,
          good: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: settings\n        - ${kind === 'ConfigMap' ? 'configMapRef' : 'secretRef'}:\n            name: extra\n            optional: true\n---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: settings\n`,
        },
  },
  check({ graph }) {
    return graph.edges
      .filter((e) => e.relation === 'uses' && !e.to && !e.optional && e.target.startsWith(`${kind}/`))
      .map((e) => hit(e.from, e.path, `${kind} ${e.target.split('/').pop()} does not exist in namespace ${namespaceOf(e.from)}${e.label ? ` (${e.label})` : ''}; the pod will not start. Create it, fix the name, or mark the reference optional: true.`, {
        fixes: kind === 'ConfigMap' || kind === 'Secret' ? [createFix(e.from, kind, e.target.split('/').pop()!)] : undefined,
      }));
  },
});

function createFix(from: import('../parse').Resource, kind: string, name: string) {
  const ns = namespaceOf(from);
  const end = from.doc.range ? from.doc.range[2] ?? from.doc.range[1] : 0;
  void end;
  return {
    title: `Create ${kind} ${name} in a new document`,
    edits: [{ range: { start: from.range.end, end: from.range.end }, newText: `\n---\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}${ns && ns !== 'default' ? `\n  namespace: ${ns}` : ''}\n${kind === 'Secret' ? 'type: Opaque\nstringData: {}\n' : 'data: {}\n'}` }],
  };
}

export const missingConfigMap = missing('drydock/missing-configmap', 'ConfigMap', 'Referenced ConfigMap does not exist');
export const missingSecret = missing('drydock/missing-secret', 'Secret', 'Referenced Secret does not exist');
export const missingPvc = missing('drydock/missing-pvc', 'PersistentVolumeClaim', 'Referenced PersistentVolumeClaim does not exist');
export const missingServiceAccount = missing('non-existent-service-account', 'ServiceAccount', 'Referenced ServiceAccount does not exist', 'kube-linter');

/** configMapKeyRef / secretKeyRef naming a key the ConfigMap or Secret does not have. */
export const missingKey: ManifestRule = {
  meta: {
    id: 'drydock/missing-key', title: 'Referenced ConfigMap or Secret key does not exist', severity: 'warning', origin: 'drydock', docs: drydockDocs('missing-key'),
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: cfg\n              key: LOGLEVEL\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: cfg\n              key: LOG_LEVEL\n',
    },
  },
  check({ graph }) {
    const out: ManifestHit[] = [];
    for (const e of graph.edges) {
      if (e.relation !== 'uses' || !e.to || e.key === undefined || e.optional) continue;
      const o = e.to.object as any;
      const keys = new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})]);
      if (keys.has(e.key)) continue;
      const keyPath = [...e.path.slice(0, -1), 'key'];
      out.push(hit(e.from, keyPath, `${e.to.kind} ${e.to.name} has no key "${e.key}" (keys: ${[...keys].join(', ') || 'none'}); the container will not start.`, {
        related: [{ resource: e.to, path: [e.to.kind === 'Secret' && o.stringData ? 'stringData' : 'data'], message: `keys of ${e.to.kind} ${e.to.name}` }],
      }));
    }
    return out;
  },
};

/** Two documents declaring the same kind, namespace and name: the second apply overwrites the first. */
export const duplicateResource: ManifestRule = {
  meta: {
    id: 'drydock/duplicate-resource', title: 'The same resource is declared twice', severity: 'error', origin: 'drydock', docs: drydockDocs('duplicate-resource'),
    examples: { bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n' },
  },
  check({ resources }) {
    const seen = new Map<string, (typeof resources)[number]>();
    const out: ManifestHit[] = [];
    for (const r of resources) {
      if (!r.name) continue;
      const key = resourceKey(r);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, r);
        continue;
      }
      out.push(hit(r, ['metadata', 'name'], `${name(r)} is declared more than once${namespaceOf(r) ? ` in namespace ${namespaceOf(r)}` : ''}; applying both keeps only the last.`, {
        related: [{ resource: first, path: ['metadata', 'name'], message: 'first declared here' }],
      }));
    }
    return out;
  },
};

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
