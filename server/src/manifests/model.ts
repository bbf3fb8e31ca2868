import type { Resource } from './parse';

/** Kinds that live outside namespaces (so they get no default namespace). */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'ComponentStatus', 'CertificateSigningRequest', 'ClusterIssuer',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The namespace a resource lands in: its own, `default` when unset, none for cluster-scoped kinds. */
export function namespaceOf(r: Resource): string | null {
  return isClusterScoped(r.kind) ? null : r.namespace ?? 'default';
}

/** `Kind/namespace/name`, the identity the API server uses. */
export function resourceKey(r: Resource): string {
  return `${r.kind}/${namespaceOf(r) ?? ''}/${r.name ?? ''}`;
}

/** A YAML map of strings (labels, annotations, a Service selector) as written, values as text; {} when it is not a map. */
export function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export function labelsOf(obj: unknown): Record<string, string> {
  return stringMap((obj as { metadata?: { labels?: unknown } } | undefined)?.metadata?.labels);
}

export function annotationsOf(obj: unknown): Record<string, string> {
  return stringMap((obj as { metadata?: { annotations?: unknown } } | undefined)?.metadata?.annotations);
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod', 'ReplicationController']);

/** A workload's pod template: its labels, spec, and the path to the template in the object. */
export interface PodTemplate {
  labels: Record<string, string>;
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the object (e.g. ['spec','template','spec']). */
  specPath: Array<string | number>;
  /** Path of the template metadata labels. */
  labelsPath: Array<string | number>;
}

/** Pod templates per object: the graph and many rules ask for the same template on every link. Read-only. */
const templates = new WeakMap<object, PodTemplate | null>();

export function podTemplateOf(r: Resource): PodTemplate | null {
  const hit = templates.get(r.object);
  if (hit !== undefined && (hit === null || r.kind === (r.object as { kind?: unknown }).kind)) return hit;
  const t = computePodTemplate(r);
  if (r.kind === (r.object as { kind?: unknown }).kind) templates.set(r.object, t);
  return t;
}

function computePodTemplate(r: Resource): PodTemplate | null {
  const o = r.object as Record<string, any>;
  switch (r.kind) {
    case 'Pod':
      return { labels: labelsOf(o), spec: (o.spec ?? {}) as Record<string, unknown>, specPath: ['spec'], labelsPath: ['metadata', 'labels'] };
    case 'CronJob': {
      const t = o.spec?.jobTemplate?.spec?.template;
      return t ? { labels: labelsOf(t), spec: t.spec ?? {}, specPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], labelsPath: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'] } : null;
    }
    default: {
      if (!WORKLOAD_KINDS.has(r.kind)) return null;
      const t = o.spec?.template;
      return t ? { labels: labelsOf(t), spec: t.spec ?? {}, specPath: ['spec', 'template', 'spec'], labelsPath: ['spec', 'template', 'metadata', 'labels'] } : null;
    }
  }
}

export interface ContainerRef {
  container: Record<string, any>;
  index: number;
  init: boolean;
  path: Array<string | number>;
}

export function containersOf(t: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    const list = t.spec[field];
    if (Array.isArray(list)) list.forEach((c, i) => c && typeof c === 'object' && out.push({ container: c, index: i, init, path: [...t.specPath, field, i] }));
  }
  return out;
}

/** Replica count with the API server's default of 1 (null for kinds without replicas). */
export function replicasOf(r: Resource): number | null {
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.kind)) return r.kind === 'Pod' ? 1 : null;
  const n = (r.object as { spec?: { replicas?: unknown } }).spec?.replicas;
  return typeof n === 'number' ? n : 1;
}
