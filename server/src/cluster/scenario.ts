import { parseDocument } from 'yaml';
import type { SimulatedCluster } from './cluster';
import type { KObject } from './types';

export interface Expectation {
  step: number;
  ok: boolean;
  message: string;
}

/** One step of a scenario file (a YAML list). Paths are resolved by the caller, which supplies `load`. */
export type ScenarioStep =
  /** Paths to manifests, or manifests written inline in the scenario (maps with apiVersion and kind). */
  | { apply: string | Record<string, unknown> | Array<string | Record<string, unknown>> }
  | { wait: 'stable' | number }
  | { scale: string; replicas: number }
  | { setImage: string; container: string; image: string }
  | { rolloutUndo: string; toRevision?: number }
  | { rolloutRestart: string }
  | { deletePod: string }
  | { failNode: string }
  | { recoverNode: string }
  | { cordon: string }
  | { drain: string }
  | { uncordon: string }
  | { addNode: { name: string; cpu: string; memory: string; pods?: number; labels?: Record<string, string>; taints?: Array<{ key: string; value?: string; effect: string }> } }
  | { removeNode: string }
  | { pause: string }
  | { resume: string }
  | { load: string; cpu?: string | number; memory?: string | number }
  | { request: { host: string; path: string } }
  | { expect: Record<string, Record<string, unknown>> };

const KINDS: Record<string, string> = {
  deployment: 'Deployment', deploy: 'Deployment', pod: 'Pod', service: 'Service', svc: 'Service', node: 'Node', replicaset: 'ReplicaSet', rs: 'ReplicaSet',
  statefulset: 'StatefulSet', sts: 'StatefulSet', daemonset: 'DaemonSet', ds: 'DaemonSet', job: 'Job', ingress: 'Ingress', ing: 'Ingress', configmap: 'ConfigMap', cm: 'ConfigMap',
  horizontalpodautoscaler: 'HorizontalPodAutoscaler', hpa: 'HorizontalPodAutoscaler', persistentvolumeclaim: 'PersistentVolumeClaim', pvc: 'PersistentVolumeClaim',
  controllerrevision: 'ControllerRevision', endpoints: 'Endpoints', ep: 'Endpoints',
};

/** Parses a scenario; messages name the step and field. */
export function parseScenario(text: string): ScenarioStep[] {
  return readScenario(text).steps;
}

/** The steps and the default namespace (`namespace:` beside `steps:`) of a scenario file. */
export function readScenario(text: string): { steps: ScenarioStep[]; namespace: string } {
  const doc = parseDocument(text, { logLevel: 'error' });
  const raw = doc.errors.length ? null : doc.toJS({ maxAliasCount: 100 });
  const namespace = raw && !Array.isArray(raw) && typeof raw.namespace === 'string' ? raw.namespace : 'default';
  return { steps: parseSteps(text), namespace };
}

function parseSteps(text: string): ScenarioStep[] {
  const doc = parseDocument(text, { logLevel: 'error' });
  if (doc.errors.length) throw new Error(`scenario: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = doc.toJS({ maxAliasCount: 100 });
  const steps = Array.isArray(raw) ? raw : raw?.steps;
  if (!Array.isArray(steps)) throw new Error('scenario: expected a list of steps (or a map with `steps:`)');
  const known = ['apply', 'wait', 'scale', 'setImage', 'rolloutUndo', 'rolloutRestart', 'pause', 'resume', 'deletePod', 'failNode', 'recoverNode', 'cordon', 'uncordon', 'drain', 'addNode', 'removeNode', 'load', 'request', 'expect'];
  steps.forEach((s: unknown, i: number) => {
    if (!s || typeof s !== 'object') throw new Error(`scenario step ${i + 1}: expected a map such as {wait: stable}`);
    // `setLoad:` and `set load:` are spellings of `load:`.
    for (const alias of ['setLoad', 'set load']) {
      if (alias in s && !('load' in s)) {
        (s as Record<string, unknown>).load = (s as Record<string, unknown>)[alias];
        delete (s as Record<string, unknown>)[alias];
      }
    }
    const key = Object.keys(s).find((k) => known.includes(k));
    if (!key) throw new Error(`scenario step ${i + 1}: unknown step "${Object.keys(s)[0]}" (expected one of ${known.join(', ')})`);
    const v = (s as Record<string, any>)[key];
    if (key === 'scale' && !Number.isInteger((s as any).replicas)) throw new Error(`scenario step ${i + 1}: scale needs replicas: <whole number>`);
    if (key === 'wait' && v !== 'stable' && !(typeof v === 'number' && v >= 0)) throw new Error(`scenario step ${i + 1}: wait must be "stable" or a number of seconds`);
    if (key === 'apply') {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item === 'string') continue;
        if (!item || typeof item !== 'object' || typeof item.kind !== 'string' || typeof item.metadata?.name !== 'string') throw new Error(`scenario step ${i + 1}: apply takes paths or inline manifests with kind and metadata.name`);
      }
    }
    const amount = (x: unknown) => typeof x === 'string' || typeof x === 'number';
    if (key === 'load' && (typeof v !== 'string' || (!amount((s as any).cpu) && !amount((s as any).memory)))) throw new Error(`scenario step ${i + 1}: load needs a workload (deployment/web) and cpu: and/or memory: <a total such as 1500m or 3Gi, or a percentage of the pods' requests such as 90%>`);
    if (key === 'addNode' && (typeof v?.name !== 'string' || v.cpu === undefined || v.memory === undefined)) throw new Error(`scenario step ${i + 1}: addNode needs name, cpu and memory`);
    if (key === 'request' && (typeof v?.host !== 'string' || typeof v?.path !== 'string')) throw new Error(`scenario step ${i + 1}: request needs host and path`);
    if (key === 'expect' && (typeof v !== 'object' || v === null)) throw new Error(`scenario step ${i + 1}: expect needs a map of kind/name: {field: value}`);
  });
  return steps as ScenarioStep[];
}

/** `name`, `kind/name` or `kind/namespace/name` (a name may contain `*`). */
function ref(s: string, defaultNs: string): { kind: string; ns: string; name: string } {
  const parts = s.split('/');
  const [kindPart, ns, name] = parts.length >= 3 ? [parts[0], parts[1], parts.slice(2).join('/')] : parts.length === 2 ? [parts[0], defaultNs, parts[1]] : ['deployment', defaultNs, parts[0]];
  return { kind: KINDS[kindPart.toLowerCase()] ?? kindPart, ns, name };
}

function field(o: KObject, key: string): unknown {
  switch (key) {
    case 'node': return o.spec?.nodeName ?? null;
    case 'phase': return o.status?.phase;
    case 'ready': return (o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
    case 'image': return o.spec?.template?.spec?.containers?.[0]?.image ?? o.spec?.containers?.[0]?.image;
    default: {
      if (o.status?.[key] !== undefined || o.spec?.[key] !== undefined) return o.status?.[key] ?? o.spec?.[key];
      // A condition type (Complete, Failed, Available, ScalingLimited…) gives its status: "True", "False" or "Unknown".
      const cond = (o.status?.conditions ?? []).find((x: any) => x.type === key);
      return cond ? cond.status : undefined;
    }
  }
}

/** Runs a scenario against a cluster; `load` turns an apply path into objects. */
export function runScenario(cluster: SimulatedCluster, steps: ScenarioStep[], load: (path: string) => Array<Record<string, unknown>>, namespace = 'default'): { expectations: Expectation[]; log: string[] } {
  const expectations: Expectation[] = [];
  const log: string[] = [];
  steps.forEach((s, i) => {
    const step = i + 1;
    const say = (m: string) => log.push(`[${cluster.time}s] step ${step}: ${m}`);
    try {
      if ('apply' in s) {
        const objs = (Array.isArray(s.apply) ? s.apply : [s.apply]).flatMap((x) => (typeof x === 'string' ? load(x) : [x]));
        for (const r of cluster.apply(objs)) say(r.message);
      } else if ('wait' in s) {
        if (s.wait === 'stable') say(cluster.runUntilStable() ? 'stable' : 'not stable after 900 s');
        else {
          cluster.step(s.wait);
          say(`waited ${s.wait} s`);
        }
      } else if ('scale' in s) {
        const r = ref(s.scale, namespace);
        say(cluster.scale(r.kind, r.ns, r.name, s.replicas));
      } else if ('setImage' in s) {
        const r = ref(s.setImage, namespace);
        say(cluster.setImage(r.ns, r.name, s.container, s.image, r.kind));
      } else if ('rolloutUndo' in s) {
        const r = ref(s.rolloutUndo, namespace);
        say(cluster.rolloutUndo(r.ns, r.name, s.toRevision));
      } else if ('rolloutRestart' in s) {
        const r = ref(s.rolloutRestart, namespace);
        say(cluster.rolloutRestart(r.ns, r.name));
      } else if ('pause' in s) {
        const r = ref(s.pause, namespace);
        say(cluster.pause(r.ns, r.name));
      } else if ('resume' in s) {
        const r = ref(s.resume, namespace);
        say(cluster.resume(r.ns, r.name));
      } else if ('load' in s) {
        const r = ref(s.load, namespace);
        say(cluster.setLoad(r.kind, r.ns, r.name, s.cpu, s.memory));
      } else if ('addNode' in s) {
        say(cluster.addNode({ ...s.addNode, cpu: String(s.addNode.cpu), memory: String(s.addNode.memory) }));
      } else if ('removeNode' in s) say(cluster.removeNode(s.removeNode));
      else if ('uncordon' in s) say(cluster.cordon(s.uncordon, false));
      else if ('deletePod' in s) {
        const r = ref(s.deletePod.startsWith('pod/') ? s.deletePod : `pod/${s.deletePod}`, namespace);
        const pod = cluster.core.store.list('Pod', r.ns).find((p) => globMatch(r.name, p.metadata.name));
        if (!pod) throw new Error(`no pod matches ${s.deletePod}`);
        say(cluster.deletePod(r.ns, pod.metadata.name));
      } else if ('failNode' in s) say(cluster.failNode(s.failNode));
      else if ('recoverNode' in s) say(cluster.recoverNode(s.recoverNode));
      else if ('cordon' in s) say(cluster.cordon(s.cordon));
      else if ('drain' in s) say(cluster.drain(s.drain));
      else if ('request' in s) {
        const t = cluster.request(s.request.host, s.request.path);
        say(t.ok ? `request ok: ${t.hops.join(' → ')}` : `request failed: ${t.error} (${t.hops.join(' → ')})`);
      } else if ('expect' in s) {
        for (const [target, want] of Object.entries(s.expect)) {
          const r = ref(target, namespace);
          const objs = cluster.core.store.list(r.kind, r.kind === 'Node' ? undefined : r.ns).filter((o) => globMatch(r.name, o.metadata.name));
          if (!objs.length) {
            expectations.push({ step, ok: false, message: `${target}: not found` });
            continue;
          }
          for (const [k, v] of Object.entries(want ?? {})) {
            const bad = objs.filter((o) => (k === 'node' && typeof v === 'string' && v.includes('*') ? !globMatch(v, String(field(o, k))) : JSON.stringify(field(o, k)) !== JSON.stringify(v)));
            expectations.push(bad.length
              ? { step, ok: false, message: `${target}: expected ${k} ${JSON.stringify(v)}, got ${bad.map((o) => `${o.metadata.name}=${JSON.stringify(field(o, k))}`).join(', ')}` }
              : { step, ok: true, message: `${target}: ${k} is ${JSON.stringify(v)}` });
          }
        }
      }
    } catch (e) {
      expectations.push({ step, ok: false, message: `step ${step} failed: ${(e as Error).message}` });
    }
  });
  return { expectations, log };
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}
