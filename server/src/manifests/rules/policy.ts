import { isClusterScoped } from '../model';
import { drydockDocs, hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from './rule';

/** apiVersions the API server no longer serves (or will stop serving), with their replacement and the release. */
const DEPRECATED: Array<{ apiVersion: string; kinds: string[] | null; replacement: string; removedIn: string }> = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], replacement: 'networking.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], replacement: 'networking.k8s.io/v1', removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], replacement: '(removed; use Pod Security Admission)', removedIn: '1.25' },
  { apiVersion: 'apps/v1beta1', kinds: null, replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'apps/v1beta2', kinds: null, replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], replacement: 'networking.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], replacement: 'policy/v1', removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], replacement: '(removed; use Pod Security Admission)', removedIn: '1.25' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.25' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.26' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: null, replacement: 'rbac.authorization.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: null, replacement: 'apiextensions.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: null, replacement: 'admissionregistration.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], replacement: 'storage.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], replacement: 'discovery.k8s.io/v1', removedIn: '1.25' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.32' },
];

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

/** A PodDisruptionBudget that allows no voluntary eviction blocks node drains and upgrades forever. */
export const pdbBlocksEviction: ManifestRule = {
  meta: {
    id: 'pdb-max-unavailable', title: 'PodDisruptionBudget allows no eviction', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('pdb-max-unavailable'),
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n',
    },
  },
  check({ resources, graph }) {
    const out: ManifestHit[] = [];
    for (const r of resources.filter((x) => x.kind === 'PodDisruptionBudget')) {
      const spec = (r.object as any).spec ?? {};
      if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
        out.push(hit(r, ['spec', 'maxUnavailable'], 'maxUnavailable: 0 allows no voluntary eviction: node drains and cluster upgrades will hang.'));
        continue;
      }
      if (spec.minAvailable === '100%') {
        out.push(hit(r, ['spec', 'minAvailable'], 'minAvailable: 100% allows no voluntary eviction: node drains and cluster upgrades will hang.'));
        continue;
      }
      if (typeof spec.minAvailable === 'number') {
        const pods = graph.edges.filter((e) => e.from === r && e.relation === 'selects' && e.to).reduce((n, e) => n + (typeof (e.to!.object as any).spec?.replicas === 'number' ? (e.to!.object as any).spec.replicas : 1), 0);
        if (pods > 0 && spec.minAvailable >= pods) {
          out.push(hit(r, ['spec', 'minAvailable'], `minAvailable: ${spec.minAvailable} with ${pods} selected pod(s) allows no voluntary eviction: node drains will hang.`));
        }
      }
    }
    return out;
  },
};

export const defaultNamespace: ManifestRule = {
  meta: {
    id: 'use-namespace', title: 'Resource goes to the default namespace', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('use-namespace'),
    examples: { bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' },
  },
  check({ resources }) {
    return resources.filter((r) => !isClusterScoped(r.kind) && (r.namespace === null || r.namespace === 'default') && r.kind !== 'List').map((r) =>
      hit(r, r.namespace ? ['metadata', 'namespace'] : ['metadata', 'name'], `${r.kind} ${r.name ?? ''} goes to the "default" namespace; give workloads a namespace of their own.`));
  },
};

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
