/**
 * Rules the API server enforces that an OpenAPI schema cannot express (the validation packages of
 * Kubernetes): name syntax, label syntax, selectors against template labels, quantities, requests
 * against limits, ports, duplicates, Service ports, rollout parameters, Ingress paths, CronJob schedules.
 * Messages follow the API server's field-error form `path: Invalid value: …: detail`.
 */
import {
  goValue,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  isValidPortName,
  labelSelectorFromObject,
  parseQuantity,
  compareQuantities,
  type Quantity,
} from '../../k8s/index';
import type { FieldPath } from '../parse';
import { cronScheduleError } from './cron';
import { arr, get, isObj, pathString, type ValidationContext } from './context';

export const RULES = {
  name: 'drydock/invalid-name',
  labels: 'drydock/invalid-label',
  selector: 'drydock/selector-mismatch',
  quantity: 'drydock/invalid-quantity',
  requestsLimits: 'drydock/requests-exceed-limits',
  ports: 'drydock/invalid-port',
  duplicates: 'drydock/duplicate-name',
  service: 'drydock/invalid-service',
  rollout: 'drydock/invalid-rollout',
  podSpec: 'drydock/invalid-pod-spec',
  ingress: 'drydock/invalid-ingress',
  cron: 'drydock/invalid-schedule',
  secret: 'drydock/invalid-secret-data',
} as const;

const invalid = (path: FieldPath, value: unknown, detail: string): string => `${pathString(path)}: Invalid value: ${goValue(value)}: ${detail}`;
const required = (path: FieldPath, detail = ''): string => `${pathString(path)}: Required value${detail ? `: ${detail}` : ''}`;
const duplicate = (path: FieldPath, value: unknown): string => `${pathString(path)}: Duplicate value: ${goValue(value)}`;
const unsupported = (path: FieldPath, value: unknown, supported: string[]): string =>
  `${pathString(path)}: Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
const forbidden = (path: FieldPath, detail: string): string => `${pathString(path)}: Forbidden: ${detail}`;

/** Kinds whose names are DNS-1123 labels, DNS-1035 labels, or path segments (anything but '/', '%', '.', '..'). */
const LABEL_NAMED = new Set(['Namespace']);
const DNS1035_NAMED = new Set(['Service']);
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Node' /* Node names are subdomains, kept strict below */]);
PATH_SEGMENT_NAMED.delete('Node');

const WORKLOADS_WITH_TEMPLATE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);
const APPS_SELECTOR_REQUIRED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export function validateApiServerRules(ctx: ValidationContext): void {
  const o = ctx.object;
  const kind = ctx.resource.kind;
  validateMetadata(ctx, ['metadata'], o.metadata, kind);
  const podSpecs = podSpecPaths(kind, o);
  for (const p of podSpecs) validatePodSpec(ctx, p, get(o, ...p), kind);
  if (WORKLOADS_WITH_TEMPLATE.has(kind)) validateWorkloadSelector(ctx, kind);
  if (kind === 'Deployment') validateDeploymentStrategy(ctx);
  if (kind === 'Service' && ctx.resource.apiVersion === 'v1') validateService(ctx);
  if (kind === 'Ingress' && ctx.resource.apiVersion === 'networking.k8s.io/v1') validateIngress(ctx);
  if (kind === 'CronJob') validateCronJob(ctx);
  if (kind === 'HorizontalPodAutoscaler') validateHpa(ctx);
  if (kind === 'PodDisruptionBudget') validatePdb(ctx);
  if (kind === 'Secret' && ctx.resource.apiVersion === 'v1') validateSecretData(ctx);
  if ((kind === 'ConfigMap' || kind === 'Secret') && ctx.resource.apiVersion === 'v1') validateConfigKeys(ctx);
}

// ---------------------------------------------------------------------------------------------
// metadata

function validateMetadata(ctx: ValidationContext, path: FieldPath, meta: unknown, kind: string | null): void {
  if (!isObj(meta)) {
    if (kind !== null) ctx.report(RULES.name, ['metadata', 'name'], required(['metadata', 'name'], 'name or generateName is required'), { key: true });
    return;
  }
  if (kind !== null) {
    const name = meta.name;
    const generateName = meta.generateName;
    if (name === undefined || name === null || name === '') {
      if (typeof generateName !== 'string' || generateName === '') {
        ctx.report(RULES.name, [...path], required([...path, 'name'], 'name or generateName is required'), { key: true });
      }
    } else if (typeof name === 'string') {
      for (const m of nameErrors(kind, name)) ctx.report(RULES.name, [...path, 'name'], invalid([...path, 'name'], name, m));
    }
    const ns = meta.namespace;
    if (typeof ns === 'string' && ns !== '') {
      for (const m of isDNS1123Label(ns)) ctx.report(RULES.name, [...path, 'namespace'], invalid([...path, 'namespace'], ns, m));
    }
  }
  validateLabels(ctx, [...path, 'labels'], meta.labels);
  const ann = meta.annotations;
  if (isObj(ann)) {
    let total = 0;
    for (const [k, v] of Object.entries(ann)) {
      total += k.length + (typeof v === 'string' ? v.length : String(v).length);
      for (const m of isQualifiedName(k.toLowerCase())) ctx.report(RULES.labels, [...path, 'annotations', k], invalid([...path, 'annotations'], k, m), { key: true });
    }
    if (total > 256 * 1024) {
      ctx.report(RULES.labels, [...path, 'annotations'], `${pathString([...path, 'annotations'])}: Too long: must have at most 262144 bytes`, { key: true });
    }
  }
}

function nameErrors(kind: string, name: string): string[] {
  if (DNS1035_NAMED.has(kind)) return isDNS1035Label(name);
  if (LABEL_NAMED.has(kind)) return isDNS1123Label(name);
  if (PATH_SEGMENT_NAMED.has(kind)) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
    for (const c of ['/', '%']) if (name.includes(c)) return [`may not contain '${c}'`];
    return [];
  }
  return isDNS1123Subdomain(name);
}

function validateLabels(ctx: ValidationContext, path: FieldPath, labels: unknown): void {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const m of isQualifiedName(k)) ctx.report(RULES.labels, [...path, k], invalid(path, k, m), { key: true });
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const s = String(v);
      for (const m of isLabelValue(s)) ctx.report(RULES.labels, [...path, k], invalid(path, s, m));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// selectors

function validateWorkloadSelector(ctx: ValidationContext, kind: string): void {
  const o = ctx.object;
  const spec = o.spec;
  if (!isObj(spec)) return;
  const selector = spec.selector;
  const templateLabels = get(spec, 'template', 'metadata', 'labels');
  const lower = kind.toLowerCase();
  if (kind === 'ReplicationController') {
    // core/v1: a plain map, defaulted from the template labels.
    if (isObj(selector) && Object.keys(selector).length > 0 && isObj(templateLabels)) {
      const ok = Object.entries(selector).every(([k, v]) => templateLabels[k] === String(v));
      if (!ok) ctx.report(RULES.selector, ['spec', 'template', 'metadata', 'labels'], invalid(['spec', 'template', 'metadata', 'labels'], templateLabels, '`selector` does not match template `labels`'));
    }
    return;
  }
  if (selector === undefined || selector === null) {
    if (APPS_SELECTOR_REQUIRED.has(kind) && ctx.resource.apiVersion.startsWith('apps/')) {
      ctx.report(RULES.selector, ['spec'], required(['spec', 'selector']), { key: true });
    }
    return;
  }
  if (!isObj(selector)) return;
  if (kind === 'Job' && get(spec, 'manualSelector') !== true) {
    // Without manualSelector the API server generates the selector (on the Job's uid), so a hand-written one
    // cannot match the labels it adds to the pods.
    ctx.report(RULES.selector, ['spec', 'selector'], invalid(['spec', 'selector'], selector, '`selector` not auto-generated'), { key: true });
    return;
  }
  const empty = Object.keys(isObj(selector.matchLabels) ? selector.matchLabels : {}).length + arr(selector.matchExpressions).length === 0;
  if (empty) {
    ctx.report(RULES.selector, ['spec', 'selector'], invalid(['spec', 'selector'], {}, `empty selector is invalid for ${lower}`), { key: true });
    return;
  }
  validateLabels(ctx, ['spec', 'selector', 'matchLabels'], selector.matchLabels);
  let sel;
  try {
    sel = labelSelectorFromObject(selector);
  } catch (e) {
    ctx.report(RULES.selector, ['spec', 'selector'], invalid(['spec', 'selector'], selector, (e as Error).message), { key: true });
    return;
  }
  const labels = isObj(templateLabels) ? Object.fromEntries(Object.entries(templateLabels).map(([k, v]) => [k, String(v)])) : {};
  if (!sel.matches(labels)) {
    const path: FieldPath = isObj(templateLabels) ? ['spec', 'template', 'metadata', 'labels'] : ['spec', 'template', 'metadata'];
    ctx.report(RULES.selector, path, invalid(['spec', 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`'), { key: true });
  }
}

// ---------------------------------------------------------------------------------------------
// pod specs

function podSpecPaths(kind: string, o: Record<string, unknown>): FieldPath[] {
  switch (kind) {
    case 'Pod':
      return isObj(o.spec) ? [['spec']] : [];
    case 'PodTemplate':
      return isObj(get(o, 'template', 'spec')) ? [['template', 'spec']] : [];
    case 'CronJob':
      return isObj(get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec')) ? [['spec', 'jobTemplate', 'spec', 'template', 'spec']] : [];
    default:
      return WORKLOADS_WITH_TEMPLATE.has(kind) && isObj(get(o, 'spec', 'template', 'spec')) ? [['spec', 'template', 'spec']] : [];
  }
}

function validatePodSpec(ctx: ValidationContext, path: FieldPath, spec: unknown, kind: string): void {
  if (!isObj(spec)) return;
  if (kind !== 'Pod' && kind !== 'PodTemplate') {
    const tmplMeta: FieldPath = [...path.slice(0, -1), 'metadata'];
    validateMetadata(ctx, tmplMeta, get(ctx.object, ...tmplMeta), null);
  }
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    ctx.report(RULES.podSpec, Array.isArray(containers) ? [...path, 'containers'] : path, required([...path, 'containers']), { key: true });
  }
  // Volumes: DNS-1123 label names, unique; every volumeMount names one of them.
  const volumes = new Set<string>();
  arr(spec.volumes).forEach((v, i) => {
    if (!isObj(v) || typeof v.name !== 'string') return;
    const vp: FieldPath = [...path, 'volumes', i, 'name'];
    for (const m of isDNS1123Label(v.name)) ctx.report(RULES.name, vp, invalid(vp, v.name, m));
    if (volumes.has(v.name)) ctx.report(RULES.duplicates, vp, duplicate(vp, v.name));
    volumes.add(v.name);
  });
  // A StatefulSet's volumeClaimTemplates become volumes of its pods.
  if (kind === 'StatefulSet') {
    for (const t of arr(get(ctx.object, 'spec', 'volumeClaimTemplates'))) {
      const n = get(t, 'metadata', 'name');
      if (typeof n === 'string') volumes.add(n);
    }
  }
  const seen = new Map<string, FieldPath>();
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[group]).forEach((c, i) => {
      if (!isObj(c)) return;
      validateContainer(ctx, [...path, group, i], c, seen);
      arr(c.volumeMounts).forEach((m, j) => {
        if (!isObj(m) || typeof m.name !== 'string') return;
        const mp: FieldPath = [...path, group, i, 'volumeMounts', j, 'name'];
        if (!volumes.has(m.name)) ctx.report(RULES.podSpec, mp, `${pathString(mp)}: Not found: ${JSON.stringify(m.name)}`);
      });
      for (const probe of ['livenessProbe', 'startupProbe']) {
        const st = get(c, probe, 'successThreshold');
        const sp: FieldPath = [...path, group, i, probe, 'successThreshold'];
        if (typeof st === 'number' && st !== 1) ctx.report(RULES.podSpec, sp, invalid(sp, st, 'must be 1'));
      }
    });
  }
  // Restart policy by controller.
  const rp = spec.restartPolicy;
  const rpPath = [...path, 'restartPolicy'];
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'].includes(kind)) {
    if (rp !== undefined && rp !== 'Always') ctx.report(RULES.podSpec, rpPath, unsupported(rpPath, rp, ['Always']));
    if (spec.activeDeadlineSeconds !== undefined) ctx.report(RULES.podSpec, [...path, 'activeDeadlineSeconds'], forbidden([...path, 'activeDeadlineSeconds'], 'activeDeadlineSeconds in ReplicaSet is not Supported'), { key: true });
  } else if (kind === 'Job' || kind === 'CronJob') {
    // Unset, it defaults to Always, which a Job refuses: the API server reports the defaulted value.
    if (rp === undefined) ctx.report(RULES.podSpec, path, `${unsupported(rpPath, 'Always', ['OnFailure', 'Never'])} (restartPolicy defaults to Always; set it)`, { key: true });
    else if (rp !== 'OnFailure' && rp !== 'Never') ctx.report(RULES.podSpec, rpPath, unsupported(rpPath, rp, ['OnFailure', 'Never']));
  } else if (rp !== undefined && !['Always', 'OnFailure', 'Never'].includes(String(rp))) {
    ctx.report(RULES.podSpec, rpPath, unsupported(rpPath, rp, ['Always', 'OnFailure', 'Never']));
  }
}

function validateContainer(ctx: ValidationContext, path: FieldPath, c: Record<string, unknown>, seen: Map<string, FieldPath>): void {
  const name = c.name;
  if (typeof name === 'string' && name !== '') {
    for (const m of isDNS1123Label(name)) ctx.report(RULES.name, [...path, 'name'], invalid([...path, 'name'], name, m));
    if (seen.has(name)) ctx.report(RULES.duplicates, [...path, 'name'], duplicate([...path, 'name'], name));
    else seen.set(name, path);
  } else if (name === undefined || name === '') {
    ctx.report(RULES.podSpec, name === undefined ? path : [...path, 'name'], required([...path, 'name']), { key: true });
  }
  // Ports.
  const portNames = new Set<string>();
  arr(c.ports).forEach((p, i) => {
    if (!isObj(p)) return;
    const pp: FieldPath = [...path, 'ports', i];
    const cp = p.containerPort;
    if (cp === undefined) ctx.report(RULES.ports, pp, required([...pp, 'containerPort']), { key: true });
    else if (typeof cp === 'number' && !(Number.isInteger(cp) && cp >= 1 && cp <= 65535)) {
      ctx.report(RULES.ports, [...pp, 'containerPort'], invalid([...pp, 'containerPort'], cp, 'must be between 1 and 65535, inclusive'));
    }
    const hp = p.hostPort;
    if (typeof hp === 'number' && hp !== 0 && !(Number.isInteger(hp) && hp >= 1 && hp <= 65535)) {
      ctx.report(RULES.ports, [...pp, 'hostPort'], invalid([...pp, 'hostPort'], hp, 'must be between 1 and 65535, inclusive'));
    }
    const pn = p.name;
    if (typeof pn === 'string' && pn !== '') {
      for (const m of isValidPortName(pn)) ctx.report(RULES.ports, [...pp, 'name'], invalid([...pp, 'name'], pn, m));
      if (portNames.has(pn)) ctx.report(RULES.duplicates, [...pp, 'name'], duplicate([...pp, 'name'], pn));
      portNames.add(pn);
    }
    const proto = p.protocol;
    if (proto !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(proto))) {
      ctx.report(RULES.ports, [...pp, 'protocol'], unsupported([...pp, 'protocol'], proto, ['SCTP', 'TCP', 'UDP']));
    }
  });
  // Env: the API server accepts duplicates but warns that the later one hides the earlier.
  const envNames = new Map<string, number>();
  arr(c.env).forEach((e, i) => {
    if (!isObj(e) || typeof e.name !== 'string') return;
    const prev = envNames.get(e.name);
    if (prev !== undefined) {
      ctx.report(RULES.duplicates, [...path, 'env', i, 'name'], `${pathString([...path, 'env', i])}: hides previous definition of ${JSON.stringify(e.name)}, which may be dropped when using apply`, { severity: 'warning' });
    } else envNames.set(e.name, i);
  });
  // Resources.
  const res = c.resources;
  if (isObj(res)) {
    const requests = quantities(ctx, [...path, 'resources', 'requests'], res.requests);
    const limits = quantities(ctx, [...path, 'resources', 'limits'], res.limits);
    for (const [list, field] of [[requests, 'requests'], [limits, 'limits']] as const) {
      for (const rname of list.keys()) {
        const err = resourceNameError(rname);
        if (err) ctx.report(RULES.quantity, [...path, 'resources', field, rname], `${pathString([...path, 'resources', field])}[${rname}]: Invalid value: ${JSON.stringify(rname)}: ${err}`, { key: true });
      }
    }
    for (const [rname, req] of requests) {
      const lim = limits.get(rname);
      if (isExtendedResource(rname)) {
        // Extended resources (vendor.example/gpu) and hugepages cannot be overcommitted.
        const rp: FieldPath = [...path, 'resources', 'requests', rname];
        const where = `${pathString([...path, 'resources', 'requests'])}[${rname}]`;
        if (!lim) {
          ctx.report(RULES.requestsLimits, rp, `${pathString([...path, 'resources', 'limits'])}: Required value: Limit must be set for non overcommitable resources`, { key: true });
        } else if (compareQuantities(req, lim) !== 0) {
          ctx.report(RULES.requestsLimits, rp, `${where}: Invalid value: ${JSON.stringify(req.canonical)}: must be equal to ${rname} limit of ${lim.canonical}`);
        }
        if (!rname.startsWith('hugepages-') && req.scale < 0) {
          ctx.report(RULES.quantity, rp, `${where}: Invalid value: ${JSON.stringify(req.canonical)}: must be an integer`);
        }
        continue;
      }
      if (!lim) continue;
      if (compareQuantities(req, lim) > 0) {
        const rp: FieldPath = [...path, 'resources', 'requests', rname];
        ctx.report(
          RULES.requestsLimits,
          rp,
          `${pathString([...path, 'resources', 'requests'])}[${rname}]: Invalid value: ${JSON.stringify(req.canonical)}: must be less than or equal to ${rname} limit of ${lim.canonical}`,
        );
      }
    }
  }
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Container resource names: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-qualified name. */
function resourceNameError(name: string): string | null {
  if (!name.includes('/')) {
    if (STANDARD_CONTAINER_RESOURCES.has(name)) return null;
    if (name.startsWith('hugepages-')) {
      try {
        parseQuantity(name.slice('hugepages-'.length));
        return null;
      } catch {
        return 'must be a standard resource for containers';
      }
    }
    return 'must be a standard resource for containers';
  }
  const errs = isQualifiedName(name);
  return errs.length ? errs.join('; ') : null;
}

/** Resources that must not be overcommitted: extended resources outside kubernetes.io, and hugepages. */
function isExtendedResource(name: string): boolean {
  if (name.startsWith('hugepages-')) return true;
  if (!name.includes('/')) return false;
  const domain = name.split('/')[0];
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) && !name.startsWith('requests.');
}

function quantities(ctx: ValidationContext, path: FieldPath, list: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isObj(list)) return out;
  for (const [k, v] of Object.entries(list)) {
    const p: FieldPath = [...path, k];
    const where = `${pathString(path)}[${k}]`;
    // Other types are the schema's to report (wrong type).
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    let q: Quantity;
    try {
      q = parseQuantity(v);
    } catch (e) {
      ctx.report(RULES.quantity, p, `${where}: Invalid value: ${goValue(v)}: ${(e as Error).message}`);
      continue;
    }
    if (q.unscaled < 0n) {
      ctx.report(RULES.quantity, p, `${where}: Invalid value: ${JSON.stringify(q.canonical)}: must be greater than or equal to 0`);
      continue;
    }
    out.set(k, q);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deployment strategy

function intOrPercentError(v: unknown): string | null {
  if (typeof v === 'number') return Number.isInteger(v) ? (v < 0 ? 'must be greater than or equal to 0' : null) : 'must be an integer or percentage (e.g \'5%\')';
  if (typeof v === 'string') {
    const m = /^(-?[0-9]+)%$/.exec(v);
    if (!m) return 'a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')';
    return Number(m[1]) < 0 ? 'must be greater than or equal to 0' : null;
  }
  return 'must be an integer or percentage (e.g \'5%\')';
}

const isZero = (v: unknown): boolean => v === 0 || v === '0%';

function validateDeploymentStrategy(ctx: ValidationContext): void {
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  const strategy = spec.strategy;
  if (isObj(strategy)) {
    const type = strategy.type ?? 'RollingUpdate';
    const ru = strategy.rollingUpdate;
    const base: FieldPath = ['spec', 'strategy'];
    if (type !== 'RollingUpdate' && type !== 'Recreate') {
      ctx.report(RULES.rollout, [...base, 'type'], unsupported([...base, 'type'], type, ['Recreate', 'RollingUpdate']));
    } else if (type === 'Recreate' && ru !== undefined && ru !== null) {
      ctx.report(RULES.rollout, [...base, 'rollingUpdate'], forbidden([...base, 'rollingUpdate'], 'may not be specified when strategy `type` is \'Recreate\''), { key: true });
    } else if (type === 'RollingUpdate' && isObj(ru)) {
      const p: FieldPath = [...base, 'rollingUpdate'];
      for (const f of ['maxSurge', 'maxUnavailable']) {
        if (ru[f] === undefined) continue;
        const err = intOrPercentError(ru[f]);
        if (err) ctx.report(RULES.rollout, [...p, f], invalid([...p, f], ru[f], err));
      }
      const mu = ru.maxUnavailable;
      if (typeof mu === 'string' && /^[0-9]+%$/.test(mu) && Number(mu.slice(0, -1)) > 100) {
        ctx.report(RULES.rollout, [...p, 'maxUnavailable'], invalid([...p, 'maxUnavailable'], mu, 'must not be greater than 100%'));
      }
      // Defaults are 25% each, so only values written as zero can make both zero.
      const surge = ru.maxSurge ?? '25%';
      const unavailable = ru.maxUnavailable ?? '25%';
      if (isZero(surge) && isZero(unavailable)) {
        ctx.report(RULES.rollout, [...p, 'maxUnavailable'], invalid([...p, 'maxUnavailable'], unavailable, 'may not be 0 when `maxSurge` is 0'));
      }
    }
  }
  for (const f of ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) {
    const v = spec[f];
    if (typeof v === 'number' && v < 0) ctx.report(RULES.rollout, ['spec', f], invalid(['spec', f], v, 'must be greater than or equal to 0'));
  }
  const pds = spec.progressDeadlineSeconds;
  const mrs = spec.minReadySeconds ?? 0;
  if (typeof pds === 'number' && typeof mrs === 'number' && pds <= mrs) {
    ctx.report(RULES.rollout, ['spec', 'progressDeadlineSeconds'], invalid(['spec', 'progressDeadlineSeconds'], pds, 'must be greater than minReadySeconds'));
  }
}

// ---------------------------------------------------------------------------------------------
// Service

function validateService(ctx: ValidationContext): void {
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    ctx.report(RULES.service, Array.isArray(spec.ports) ? ['spec', 'ports'] : ['spec'], required(['spec', 'ports']), { key: true });
  }
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(String(type))) {
    ctx.report(RULES.service, ['spec', 'type'], unsupported(['spec', 'type'], type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const pp: FieldPath = ['spec', 'ports', i];
    const name = p.name;
    if (ports.length > 1 && (name === undefined || name === '')) ctx.report(RULES.service, pp, required([...pp, 'name']));
    if (typeof name === 'string' && name !== '') {
      for (const m of isDNS1123Label(name)) ctx.report(RULES.service, [...pp, 'name'], invalid([...pp, 'name'], name, m));
      if (names.has(name)) ctx.report(RULES.duplicates, [...pp, 'name'], duplicate([...pp, 'name'], name));
      names.add(name);
    }
    const port = p.port;
    if (port === undefined) ctx.report(RULES.service, pp, required([...pp, 'port']), { key: true });
    else if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      ctx.report(RULES.service, [...pp, 'port'], invalid([...pp, 'port'], port, 'must be between 1 and 65535, inclusive'));
    }
    const proto = String(p.protocol ?? 'TCP');
    const key = `${String(port)}/${proto}`;
    if (port !== undefined && pairs.has(key)) ctx.report(RULES.duplicates, pp, duplicate(pp, `${String(port)}/${proto}`));
    pairs.add(key);
    const tp = p.targetPort;
    if (typeof tp === 'number') {
      if (!(Number.isInteger(tp) && tp >= 1 && tp <= 65535) && tp !== 0) {
        ctx.report(RULES.service, [...pp, 'targetPort'], invalid([...pp, 'targetPort'], tp, 'must be between 1 and 65535, inclusive'));
      }
    } else if (typeof tp === 'string' && tp !== '') {
      if (/^[0-9]+$/.test(tp)) {
        // A numeric string is an int-or-string holding a string: it must then be a port name, which it cannot be.
        ctx.report(RULES.service, [...pp, 'targetPort'], invalid([...pp, 'targetPort'], tp, 'must contain at least one letter (a-z)'));
      } else for (const m of isValidPortName(tp)) ctx.report(RULES.service, [...pp, 'targetPort'], invalid([...pp, 'targetPort'], tp, m));
    }
    const np = p.nodePort;
    if (np !== undefined && np !== null && np !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        ctx.report(RULES.service, [...pp, 'nodePort'], forbidden([...pp, 'nodePort'], `may not be used when \`type\` is '${String(type)}'`), { key: true });
      } else if (typeof np === 'number' && !(Number.isInteger(np) && np >= 30000 && np <= 32767)) {
        ctx.report(RULES.service, [...pp, 'nodePort'], invalid([...pp, 'nodePort'], np, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
      }
    }
  });
  if (type === 'ExternalName') {
    const en = spec.externalName;
    if (typeof en !== 'string' || en === '') ctx.report(RULES.service, ['spec', 'type'], required(['spec', 'externalName']), { key: true });
    else {
      const errs = isDNS1123Subdomain(en.endsWith('.') ? en.slice(0, -1) : en);
      if (errs.length) ctx.report(RULES.service, ['spec', 'externalName'], invalid(['spec', 'externalName'], en, errs.join('; ')));
    }
  }
  const sel = spec.selector;
  if (isObj(sel)) validateLabels(ctx, ['spec', 'selector'], sel);
}

// ---------------------------------------------------------------------------------------------
// Ingress

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateIngress(ctx: ValidationContext): void {
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  arr(spec.rules).forEach((rule, ri) => {
    if (!isObj(rule)) return;
    const rp: FieldPath = ['spec', 'rules', ri];
    const host = rule.host;
    if (typeof host === 'string' && host !== '') {
      const err = hostError(host);
      if (err) ctx.report(RULES.ingress, [...rp, 'host'], invalid([...rp, 'host'], host, err));
    }
    arr(get(rule, 'http', 'paths')).forEach((p, pi) => {
      if (!isObj(p)) return;
      const pp: FieldPath = [...rp, 'http', 'paths', pi];
      const pathType = p.pathType;
      if (pathType === undefined || pathType === null) {
        ctx.report(RULES.ingress, pp, required([...pp, 'pathType'], 'pathType must be specified'));
        return;
      }
      if (!PATH_TYPES.includes(String(pathType))) {
        ctx.report(RULES.ingress, [...pp, 'pathType'], unsupported([...pp, 'pathType'], pathType, PATH_TYPES));
        return;
      }
      const port = get(p, 'backend', 'service', 'port');
      if (isObj(port)) {
        const bp: FieldPath = [...pp, 'backend', 'service', 'port'];
        const hasName = typeof port.name === 'string' && port.name !== '';
        const hasNumber = port.number !== undefined && port.number !== null && port.number !== 0;
        if (hasName && hasNumber) ctx.report(RULES.ingress, bp, invalid([...bp, 'name'], port.name, 'cannot set both port name & port number'), { key: true });
        else if (!hasName && !hasNumber) ctx.report(RULES.ingress, bp, required(bp, 'port name or number is required'), { key: true });
        else if (hasNumber && typeof port.number === 'number' && !(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535)) {
          ctx.report(RULES.ingress, [...bp, 'number'], invalid([...bp, 'number'], port.number, 'must be between 1 and 65535, inclusive'));
        } else if (hasName) for (const m of isValidPortName(String(port.name))) ctx.report(RULES.ingress, [...bp, 'name'], invalid([...bp, 'name'], port.name, m));
      }
      const path = p.path;
      if (pathType === 'Exact' || pathType === 'Prefix') {
        const ppath: FieldPath = [...pp, 'path'];
        if (typeof path !== 'string' || !path.startsWith('/')) {
          ctx.report(RULES.ingress, typeof path === 'string' ? ppath : pp, invalid(ppath, path ?? '', 'must be an absolute path'), { key: typeof path !== 'string' });
          return;
        }
        for (const bad of ['//', '/./', '/../', '%2f', '%2F']) {
          if (path.includes(bad)) {
            ctx.report(RULES.ingress, ppath, invalid(ppath, path, `must not contain '${bad}'`));
            return;
          }
        }
        for (const bad of ['/..', '/.']) {
          if (path.endsWith(bad)) {
            ctx.report(RULES.ingress, ppath, invalid(ppath, path, `cannot end with '${bad}'`));
            return;
          }
        }
      }
    });
  });
}

function hostError(host: string): string | null {
  if (/^[0-9.]+$/.test(host) || host.includes(':')) return 'must be a DNS name, not an IP address';
  if (host.startsWith('*.')) {
    const rest = host.slice(2);
    if (isDNS1123Subdomain(rest).length > 0 || rest.includes('*')) {
      return "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    }
    return null;
  }
  const errs = isDNS1123Subdomain(host);
  return errs.length ? errs.join('; ') : null;
}

// ---------------------------------------------------------------------------------------------
// CronJob

function validateCronJob(ctx: ValidationContext): void {
  // The controller appends an 11-character suffix to the Job names it creates (a name stays ≤ 63).
  const name = get(ctx.object, 'metadata', 'name');
  if (typeof name === 'string' && name.length > 52) {
    ctx.report(RULES.name, ['metadata', 'name'], invalid(['metadata', 'name'], name, 'must be no more than 52 characters'));
  }
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  const schedule = spec.schedule;
  if (schedule === undefined || schedule === null || schedule === '') {
    ctx.report(RULES.cron, ['spec'], required(['spec', 'schedule']), { key: true });
    return;
  }
  if (typeof schedule !== 'string') return;
  const err = cronScheduleError(schedule);
  if (err) ctx.report(RULES.cron, ['spec', 'schedule'], invalid(['spec', 'schedule'], schedule, err));
  const jt = get(spec, 'jobTemplate', 'spec');
  if (isObj(jt) && isObj(jt.selector) && jt.manualSelector !== true) {
    ctx.report(RULES.selector, ['spec', 'jobTemplate', 'spec', 'selector'], invalid(['spec', 'jobTemplate', 'spec', 'selector'], jt.selector, '`selector` will be auto-generated'), { key: true });
  }
}

// ---------------------------------------------------------------------------------------------
// HorizontalPodAutoscaler, PodDisruptionBudget, ConfigMap and Secret keys

function validateHpa(ctx: ValidationContext): void {
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) {
    // minReplicas 0 needs the HPAScaleToZero feature gate (alpha, off by default).
    ctx.report(RULES.rollout, ['spec', 'minReplicas'], invalid(['spec', 'minReplicas'], spec.minReplicas, 'must be greater than or equal to 1'));
  }
  if (typeof max === 'number') {
    if (max < 1) ctx.report(RULES.rollout, ['spec', 'maxReplicas'], invalid(['spec', 'maxReplicas'], max, 'must be greater than 0'));
    else if (typeof min === 'number' && max < min) {
      ctx.report(RULES.rollout, ['spec', 'maxReplicas'], invalid(['spec', 'maxReplicas'], max, 'must be greater than or equal to `minReplicas`'));
    }
  }
}

function validatePdb(ctx: ValidationContext): void {
  const spec = ctx.object.spec;
  if (!isObj(spec)) return;
  if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    ctx.report(RULES.rollout, ['spec'], invalid(['spec'], { minAvailable: spec.minAvailable, maxUnavailable: spec.maxUnavailable }, 'minAvailable and maxUnavailable cannot be both set'), { key: true });
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    const v = spec[f];
    if (v === undefined || v === null) continue;
    const err = intOrPercentError(v);
    if (err) ctx.report(RULES.rollout, ['spec', f], invalid(['spec', f], v, err));
    else if (typeof v === 'string' && Number(v.slice(0, -1)) > 100) ctx.report(RULES.rollout, ['spec', f], invalid(['spec', f], v, 'must not be greater than 100%'));
  }
  const sel = spec.selector;
  if (isObj(sel)) {
    try {
      labelSelectorFromObject(sel);
    } catch (e) {
      ctx.report(RULES.selector, ['spec', 'selector'], invalid(['spec', 'selector'], sel, (e as Error).message), { key: true });
    }
  }
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

function validateConfigKeys(ctx: ValidationContext): void {
  const seen = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    const m = ctx.object[field];
    if (!isObj(m)) continue;
    for (const k of Object.keys(m)) {
      const p: FieldPath = [field, k];
      const where = `${field}[${k}]`;
      if (k.length > 253) ctx.report(RULES.name, p, `${where}: Invalid value: ${JSON.stringify(k)}: must be no more than 253 characters`, { key: true });
      if (!CONFIG_KEY.test(k)) {
        ctx.report(RULES.name, p, `${where}: Invalid value: ${JSON.stringify(k)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`, { key: true });
      } else if (k === '.' || k === '..' || k.startsWith('..')) {
        ctx.report(RULES.name, p, `${where}: Invalid value: ${JSON.stringify(k)}: must not be '.' or '..' or start with '..'`, { key: true });
      }
      // stringData is merged into data by the API server, so only ConfigMap's data/binaryData clash.
      if (ctx.resource.kind === 'ConfigMap' && field !== 'stringData') {
        if (seen.has(k)) ctx.report(RULES.duplicates, p, `${where}: Invalid value: ${JSON.stringify(k)}: duplicate of key present in data`, { key: true });
        seen.add(k);
      }
    }
  }
}

/**
 * Secret `data` values must be base64 (the API server cannot even decode the object otherwise). The
 * message is the API server's, without the value: it is a secret.
 */
function validateSecretData(ctx: ValidationContext): void {
  const data = ctx.object.data;
  if (!isObj(data)) return;
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') continue; // the schema reports the type
    const at = base64ErrorOffset(value);
    if (at !== null) ctx.report(RULES.secret, ['data', key], `data[${key}]: Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at} (use stringData for plain text)`);
  }
}

/** Where Go's StdEncoding decoder would fail on `s` (it skips CR and LF), or null when it decodes. */
function base64ErrorOffset(s: string): number | null {
  const clean = s.replace(/[\r\n]/g, '');
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = clean.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(clean.slice(pad)) || clean.length % 4 !== 0 || clean.length - pad > 2)) return pad;
  if (clean.length % 4 !== 0) return clean.length - (clean.length % 4);
  return null;
}
