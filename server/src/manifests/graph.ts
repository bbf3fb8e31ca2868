import { labelSelectorFromObject, selectorFromSet, type LabelSelector } from '../k8s/index';
import type { FieldPath, Resource } from './parse';
import { containersOf, labelsOf, namespaceOf, podTemplateOf, resourceKey, WORKLOAD_KINDS } from './model';

export type Relation = 'owns' | 'selects' | 'routes' | 'scales' | 'uses' | 'runs' | 'binds';

export interface GraphEdge {
  from: Resource;
  /** The target resource, or null when the reference dangles. */
  to: Resource | null;
  /** What the edge points at: `Kind/namespace/name` (or a Dockerfile path for `runs`). */
  target: string;
  relation: Relation;
  /** e.g. `port http`, `key DB_PASSWORD`, `volume config`. */
  label?: string;
  /** Where in `from` the reference is written. */
  path: FieldPath;
  /** A reference marked `optional: true`. */
  optional?: boolean;
  /** For ConfigMap/Secret keys: the key referenced. */
  key?: string;
  /** For Ingress backends: the service port referenced. */
  port?: string | number;
  /**
   * For `owns`: what the workload's controller will create from its pod template (a ReplicaSet and its
   * pods, ordinal pods, a pod per node, Jobs). Not a reference, so never dangling although `to` is null.
   */
  owned?: { kind: string; name: string; pods: number | null };
}

export interface DockerfileRef {
  path: string;
  /** The folder name (or image names mapped to it by the drydock.images setting). */
  names: string[];
}

export interface ResourceGraph {
  resources: Resource[];
  edges: GraphEdge[];
  /** Find a resource by kind, namespace and name. */
  find(kind: string | string[], namespace: string | null, name: string): Resource | null;
  /** Workloads whose pod template labels a selector matches, in a namespace. */
  selected(selector: LabelSelector, namespace: string | null): Resource[];
}

/**
 * What a workload's controller makes from its template, named the way Kubernetes names it:
 * Deployment → ReplicaSet `<name>-<pod-template-hash>` → pods; StatefulSet → `<name>-0…`; DaemonSet → a pod
 * per node; Job → pods; CronJob → a Job per run. A bare Pod owns nothing.
 */
function ownedBy(r: Resource): { kind: string; name: string; pods: number | null; label: string } | null {
  const o = r.object as Record<string, any>;
  const replicas = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  switch (r.kind) {
    case 'Deployment':
      return { kind: 'ReplicaSet', name: `${r.name}-…`, pods: replicas, label: `ReplicaSet → ${plural(replicas, 'pod')}` };
    case 'ReplicaSet':
    case 'ReplicationController':
      return { kind: 'Pod', name: `${r.name}-…`, pods: replicas, label: plural(replicas, 'pod') };
    case 'StatefulSet':
      return { kind: 'Pod', name: replicas > 1 ? `${r.name}-0…${r.name}-${replicas - 1}` : `${r.name}-0`, pods: replicas, label: plural(replicas, 'pod') };
    case 'DaemonSet':
      return { kind: 'Pod', name: `${r.name}-…`, pods: null, label: 'a pod per node' };
    case 'Job': {
      const completions = typeof o.spec?.completions === 'number' ? o.spec.completions : 1;
      return { kind: 'Pod', name: `${r.name}-…`, pods: completions, label: plural(completions, 'completion') };
    }
    case 'CronJob':
      return { kind: 'Job', name: `${r.name}-…`, pods: null, label: `a Job per run (${String(o.spec?.schedule ?? 'no schedule')})` };
    default:
      return null;
  }
}

function imageWithoutTag(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

function imageRepoName(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
  return repo.split('/').pop() ?? repo;
}

/**
 * Links the resources of a workspace: Services, PDBs and NetworkPolicies select workloads, Ingresses
 * route to Services, HPAs scale workloads, pods use ConfigMaps, Secrets, PVCs and ServiceAccounts,
 * RoleBindings bind Roles, and containers run images that Dockerfiles in the workspace build.
 * References that point nowhere are kept, with `to: null`.
 */
export function buildGraph(resources: Resource[], dockerfiles: DockerfileRef[] = []): ResourceGraph {
  const lookup = graphLookups(resources);
  const { find, selected } = lookup;
  const edges: GraphEdge[] = [];
  const ref = (from: Resource, kind: string | string[], name: unknown, relation: Relation, path: FieldPath, extra: Partial<GraphEdge> = {}) => {
    if (typeof name !== 'string' || !name) return;
    const ns = namespaceOf(from);
    const to = find(kind, ns, name);
    const k = Array.isArray(kind) ? kind[0] : kind;
    edges.push({ from, to, target: `${k}/${ns ?? ''}/${name}`, relation, path, ...extra });
  };

  for (const r of resources) {
    const o = r.object as Record<string, any>;
    const ns = namespaceOf(r);
    switch (r.kind) {
      case 'Service': {
        if (o.spec?.selector && typeof o.spec.selector === 'object' && Object.keys(o.spec.selector).length) {
          const sel = selectorFromSet(o.spec.selector);
          const hits = selected(sel, ns);
          if (hits.length === 0) edges.push({ from: r, to: null, target: `pods matching ${sel.toString()}`, relation: 'selects', path: ['spec', 'selector'] });
          for (const w of hits) edges.push({ from: r, to: w, target: resourceKey(w), relation: 'selects', path: ['spec', 'selector'] });
        }
        break;
      }
      case 'PodDisruptionBudget':
      case 'NetworkPolicy': {
        const field = r.kind === 'NetworkPolicy' ? 'podSelector' : 'selector';
        let sel: LabelSelector;
        try {
          sel = labelSelectorFromObject(o.spec?.[field] ?? (r.kind === 'NetworkPolicy' ? {} : null));
        } catch {
          break;
        }
        const hits = selected(sel, ns);
        if (hits.length === 0) edges.push({ from: r, to: null, target: `pods matching ${sel.toString() || '(everything)'}`, relation: 'selects', path: ['spec', field] });
        for (const w of hits) edges.push({ from: r, to: w, target: resourceKey(w), relation: 'selects', path: ['spec', field] });
        break;
      }
      case 'Ingress': {
        const backend = (b: any, path: FieldPath) => {
          const svc = b?.service;
          if (!svc) return;
          const port = svc.port?.number ?? svc.port?.name;
          ref(r, 'Service', svc.name, 'routes', [...path, 'service', 'name'], { label: port !== undefined ? `port ${port}` : undefined, port });
        };
        if (o.spec?.defaultBackend) backend(o.spec.defaultBackend, ['spec', 'defaultBackend']);
        (o.spec?.rules ?? []).forEach((rule: any, i: number) =>
          (rule?.http?.paths ?? []).forEach((p: any, j: number) => backend(p?.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend'])));
        (o.spec?.tls ?? []).forEach((t: any, i: number) => ref(r, 'Secret', t?.secretName, 'uses', ['spec', 'tls', i, 'secretName'], { label: 'tls' }));
        break;
      }
      case 'HorizontalPodAutoscaler': {
        const t = o.spec?.scaleTargetRef;
        if (t?.kind && t?.name) ref(r, t.kind, t.name, 'scales', ['spec', 'scaleTargetRef', 'name']);
        break;
      }
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const roleRef = o.roleRef;
        if (roleRef?.name) {
          const to = roleRef.kind === 'ClusterRole' ? find('ClusterRole', null, roleRef.name) : find('Role', ns, roleRef.name);
          edges.push({ from: r, to, target: `${roleRef.kind ?? 'Role'}/${roleRef.kind === 'ClusterRole' ? '' : ns ?? ''}/${roleRef.name}`, relation: 'binds', path: ['roleRef', 'name'] });
        }
        break;
      }
    }
    const t = podTemplateOf(r);
    if (!t) continue;
    const own = ownedBy(r);
    if (own) edges.push({ from: r, to: null, target: `${own.kind}/${ns ?? ''}/${own.name}`, relation: 'owns', path: t.labelsPath.slice(0, -2), label: own.label, owned: { kind: own.kind, name: own.name, pods: own.pods } });
    const spec = t.spec as Record<string, any>;
    (spec.volumes ?? []).forEach((v: any, i: number) => {
      const p = [...t.specPath, 'volumes', i];
      if (v?.configMap) ref(r, 'ConfigMap', v.configMap.name, 'uses', [...p, 'configMap', 'name'], { label: `volume ${v.name}`, optional: !!v.configMap.optional });
      if (v?.secret) ref(r, 'Secret', v.secret.secretName, 'uses', [...p, 'secret', 'secretName'], { label: `volume ${v.name}`, optional: !!v.secret.optional });
      if (v?.persistentVolumeClaim) ref(r, 'PersistentVolumeClaim', v.persistentVolumeClaim.claimName, 'uses', [...p, 'persistentVolumeClaim', 'claimName'], { label: `volume ${v.name}` });
      (v?.projected?.sources ?? []).forEach((s: any, j: number) => {
        if (s?.configMap) ref(r, 'ConfigMap', s.configMap.name, 'uses', [...p, 'projected', 'sources', j, 'configMap', 'name'], { label: `volume ${v.name}`, optional: !!s.configMap.optional });
        if (s?.secret) ref(r, 'Secret', s.secret.name, 'uses', [...p, 'projected', 'sources', j, 'secret', 'name'], { label: `volume ${v.name}`, optional: !!s.secret.optional });
      });
    });
    if (spec.serviceAccountName && spec.serviceAccountName !== 'default') ref(r, 'ServiceAccount', spec.serviceAccountName, 'uses', [...t.specPath, 'serviceAccountName']);
    (spec.imagePullSecrets ?? []).forEach((s: any, i: number) => ref(r, 'Secret', s?.name, 'uses', [...t.specPath, 'imagePullSecrets', i, 'name'], { label: 'imagePullSecret' }));
    for (const c of containersOf(t)) {
      (c.container.envFrom ?? []).forEach((e: any, i: number) => {
        if (e?.configMapRef) ref(r, 'ConfigMap', e.configMapRef.name, 'uses', [...c.path, 'envFrom', i, 'configMapRef', 'name'], { label: 'envFrom', optional: !!e.configMapRef.optional });
        if (e?.secretRef) ref(r, 'Secret', e.secretRef.name, 'uses', [...c.path, 'envFrom', i, 'secretRef', 'name'], { label: 'envFrom', optional: !!e.secretRef.optional });
      });
      (c.container.env ?? []).forEach((e: any, i: number) => {
        const cm = e?.valueFrom?.configMapKeyRef;
        const sk = e?.valueFrom?.secretKeyRef;
        if (cm) ref(r, 'ConfigMap', cm.name, 'uses', [...c.path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], { label: `key ${cm.key}`, key: cm.key, optional: !!cm.optional });
        if (sk) ref(r, 'Secret', sk.name, 'uses', [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], { label: `key ${sk.key}`, key: sk.key, optional: !!sk.optional });
      });
      const image = c.container.image;
      if (typeof image === 'string') {
        const name = imageRepoName(image);
        const untagged = imageWithoutTag(image);
        // A mapping (the drydock.images setting) by full reference or without the tag wins over the folder-name convention.
        const df = dockerfiles.find((d) => d.names.includes(image) || d.names.includes(untagged)) ?? dockerfiles.find((d) => d.names.includes(name));
        if (df) edges.push({ from: r, to: null, target: df.path, relation: 'runs', path: [...c.path, 'image'], label: image });
      }
    }
  }
  void labelsOf;
  return { resources, edges, find, selected };
}

/**
 * The lookups of a graph over `resources`: by kind/namespace/name (the first declaration wins, a
 * cluster-scoped name answers for any namespace) and workloads by pod labels in a namespace.
 */
export function graphLookups(resources: Resource[]): Pick<ResourceGraph, 'find' | 'selected'> {
  const byKey = new Map<string, Resource>();
  for (const r of resources) if (r.name && !byKey.has(resourceKey(r))) byKey.set(resourceKey(r), r);
  const find = (kind: string | string[], namespace: string | null, name: string): Resource | null => {
    for (const k of Array.isArray(kind) ? kind : [kind]) {
      const hit = byKey.get(`${k}/${namespace ?? ''}/${name}`) ?? byKey.get(`${k}//${name}`);
      if (hit) return hit;
    }
    return null;
  };
  // Pod labels per namespace, computed once: selectors are matched against them many times.
  const podsByNs = new Map<string | null, Array<{ w: Resource; labels: Record<string, string> }>>();
  for (const w of resources) {
    if (!WORKLOAD_KINDS.has(w.kind)) continue;
    const ns = namespaceOf(w);
    const list = podsByNs.get(ns) ?? [];
    list.push({ w, labels: podTemplateOf(w)?.labels ?? {} });
    podsByNs.set(ns, list);
  }
  const selected = (selector: LabelSelector, namespace: string | null) =>
    (podsByNs.get(namespace) ?? []).filter((p) => selector.matches(p.labels)).map((p) => p.w);
  return { find, selected };
}
