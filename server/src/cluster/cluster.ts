import { VirtualClock, seededRandom } from './clock';
import type { ClusterCore, ClusterProfile } from './core';
import { isPodActive, isPodReady, loadKey, matchLabels } from './core';
import { reconcileDeployments, rolloutHistory, rolloutUndo } from './controllers/deployment';
import { runKubelets } from './controllers/kubelet';
import { cleanupEndpoints, reconcileServices } from './controllers/network';
import { collectGarbage, reconcileNodes } from './controllers/nodes';
import { reconcileReplicaSets } from './controllers/replicaset';
import { schedulePods } from './controllers/scheduling';
import { reconcileStatefulSets } from './controllers/statefulset';
import { reconcileDaemonSets } from './controllers/daemonset';
import { reconcileJobs } from './controllers/job';
import { reconcileAutoscalers } from './controllers/hpa';
import { matchIngress } from './ingress';
import { nodeAllocatable, podRequests, quantityMilli } from './resources';
import { createScheduler, NodeUsage } from './scheduler';
import { ApiError, Store } from './store';
import type { ClusterEvent, KObject } from './types';

/** One node, control plane tainted, three workers with 4 CPU, 8 GiB and 110 pods each. */
export function defaultClusterProfile(): ClusterProfile {
  return {
    nodes: [
      { name: 'control-plane', cpu: '2', memory: '4Gi', labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { name: 'worker-1', cpu: '4', memory: '8Gi' },
      { name: 'worker-2', cpu: '4', memory: '8Gi' },
      { name: 'worker-3', cpu: '4', memory: '8Gi' },
    ],
    seed: 1,
  };
}

export interface ApplyResult {
  kind: string;
  namespace?: string;
  name: string;
  action: 'created' | 'configured' | 'unchanged' | 'rejected';
  message: string;
}

export interface Snapshot {
  time: number;
  nodes: Array<{ name: string; ready: boolean; unschedulable: boolean; cpu: { allocatable: number; requested: number }; memory: { allocatable: number; requested: number }; pods: { allocatable: number; count: number }; taints: string[] }>;
  objects: KObject[];
  events: ClusterEvent[];
}

/** Where a request went: each hop, or why it failed. */
export interface RequestTrace {
  ok: boolean;
  hops: string[];
  error?: string;
}

const CONTROLLERS: Array<[string, (c: ClusterCore) => boolean]> = [
  ['nodes', reconcileNodes],
  ['horizontal-pod-autoscaler', reconcileAutoscalers],
  ['deployment', reconcileDeployments],
  ['replicaset', reconcileReplicaSets],
  ['statefulset', reconcileStatefulSets],
  ['daemonset', reconcileDaemonSets],
  ['job', reconcileJobs],
  ['scheduler', schedulePods],
  ['kubelet', runKubelets],
  ['endpoints', reconcileServices],
  ['endpoints-cleanup', cleanupEndpoints],
  ['garbage-collector', collectGarbage],
];

/** Bound on events per run, so a pathological input cannot loop forever. */
export const MAX_EVENTS = 200_000;

export class SimulatedCluster {
  readonly core: ClusterCore;
  private readonly roundRobin = new Map<string, number>();

  constructor(profile: ClusterProfile = defaultClusterProfile(), nodeObjects: KObject[] = []) {
    const clock = new VirtualClock();
    const events: ClusterEvent[] = [];
    const store = new Store(clock);
    this.core = {
      store,
      clock,
      random: seededRandom(profile.seed ?? 1),
      profile,
      events,
      podState: new Map(),
      load: new Map(),
      memoryLoad: new Map(),
      memo: new Map(),
      timers: new Set(),
      wakeAt: (at) => {
        if (at > clock.now) this.core.timers.add(at);
      },
      record: (object, type, reason, message) => {
        const involved = { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
        // Repeats of the same event for the same object within 10 minutes are counted, as the event recorder aggregates them.
        let same: ClusterEvent | undefined;
        for (let i = events.length - 1; i >= 0 && i >= events.length - 200; i--) {
          const e = events[i];
          if (e.reason === reason && e.message === message && e.involvedObject.name === involved.name && e.involvedObject.kind === involved.kind) {
            same = e;
            break;
          }
        }
        if (same && clock.now - same.time < 600 && reason !== 'ScalingReplicaSet') {
          same.count++;
          same.time = clock.now;
          return;
        }
        if (events.length >= MAX_EVENTS) throw new Error(`the simulation produced more than ${MAX_EVENTS} events; stopping (is something restarting forever?)`);
        events.push({ time: clock.now, type, reason, message, involvedObject: involved, count: 1 });
      },
    };
    const nodes = nodeObjects.length ? nodeObjects : profile.nodes.map(nodeFromProfile);
    nodes.forEach((n: any) => this.createNode(n));
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' }, spec: {} } as never);
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' }, spec: {} } as never);
  }

  get time(): number {
    return this.core.clock.now;
  }

  private nodesCreated = 0;

  private createNode(n: any): KObject {
    const i = this.nodesCreated++;
    const o = this.core.store.create({ ...n, metadata: { ...n.metadata } });
    o.status = { ...(n.status ?? {}), addresses: [{ type: 'InternalIP', address: `192.168.${i >> 8}.${10 + (i & 255)}` }], conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] };
    o.spec = { ...(n.spec ?? {}), podCIDR: `10.244.${i}.0/24` };
    return o;
  }

  /** A node joins the cluster (Ready, with the capacity, labels and taints given). */
  addNode(node: ClusterProfile['nodes'][number]): string {
    if (this.core.store.get('Node', undefined, node.name)) throw new ApiError(`nodes "${node.name}" already exists`, 'AlreadyExists');
    const o = this.createNode(nodeFromProfile(node));
    this.core.record(o, 'Normal', 'RegisteredNode', `Node ${node.name} event: Registered Node ${node.name} in Controller`);
    return `node/${node.name} joined`;
  }

  /** A node leaves the cluster: its Node object is deleted and the pod garbage collector removes its pods. */
  removeNode(name: string): string {
    const n = this.find('Node', undefined, name);
    this.core.record(n, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    this.core.store.delete('Node', undefined, name);
    return `node "${name}" deleted`;
  }

  /**
   * Simulated demand of a workload: CPU in total ("1500m", "2") and/or memory in total ("3Gi"), or either as a
   * percentage of what its ready pods request right now ("90%": each of 2 pods at 90% of its request =
   * 1.8 × one request). Metrics spread it evenly over the workload's ready pods; HorizontalPodAutoscalers act on it.
   */
  setLoad(kind: string, namespace: string | undefined, name: string, cpu?: string | number, memory?: string | number): string {
    const target = this.find(kind, namespace, name);
    if (cpu === undefined && memory === undefined) throw new ApiError('a load needs cpu, memory or both', 'Invalid');
    const key = loadKey(target.kind, target.metadata.namespace, target.metadata.name);
    const amount = (value: string | number, resource: 'cpu' | 'memory'): number => {
      const text = String(value).trim();
      if (text.endsWith('%')) {
        const pct = Number(text.slice(0, -1));
        if (!Number.isFinite(pct) || pct < 0) throw new ApiError(`invalid ${resource} load "${text}"`, 'Invalid');
        const sel = matchLabels(target.spec?.selector);
        const ready = this.core.store.list('Pod', target.metadata.namespace).filter((p) => sel(p.metadata.labels ?? {}) && isPodReady(p) && isPodActive(p));
        const requested = ready.reduce((n, p) => n + podRequests(p)[resource], 0);
        return Math.round((requested * pct) / 100);
      }
      const milli = quantityMilli(text);
      if (!(milli >= 0) || (milli === 0 && !/^0+(\.0*)?m?$/.test(text))) throw new ApiError(`invalid ${resource} load "${text}" (a quantity such as ${resource === 'cpu' ? '1500m' : '3Gi'}, or a percentage such as 90%)`, 'Invalid');
      return resource === 'cpu' ? milli : Math.round(milli / 1000);
    };
    const said: string[] = [];
    if (cpu !== undefined) {
      const milli = amount(cpu, 'cpu');
      this.core.load.set(key, milli);
      said.push(`${milli}m CPU`);
    }
    if (memory !== undefined) {
      const bytes = amount(memory, 'memory');
      this.core.memoryLoad.set(key, bytes);
      said.push(`${bytes} bytes of memory`);
    }
    this.core.memo.set('hpa/dirty', true);
    return `${kind.toLowerCase()}/${name} load set to ${said.join(' and ')}`;
  }

  /** `kubectl rollout pause` / `resume`: while paused, template changes do not roll out (scaling still applies). */
  pause(namespace: string | undefined, deployment: string, on = true): string {
    const d = this.find('Deployment', namespace, deployment);
    if (!!d.spec.paused === on) throw new ApiError(`deployments.apps "${deployment}" ${on ? 'is already paused' : 'is not paused'}`, 'Invalid');
    if (on) d.spec.paused = true;
    else delete d.spec.paused;
    this.core.store.update(d, true);
    return `deployment.apps/${deployment} ${on ? 'paused' : 'resumed'}`;
  }

  resume(namespace: string | undefined, deployment: string): string {
    return this.pause(namespace, deployment, false);
  }

  /** `kubectl apply` of a list of objects: namespaces first, then the rest in order. */
  apply(objects: Array<Record<string, any>>): ApplyResult[] {
    const sorted = [...objects].sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
    const out: ApplyResult[] = [];
    for (const o of sorted) {
      const name = o.metadata?.name ?? '';
      const kind = String(o.kind ?? '');
      const ns = this.core.store.isClusterScoped(kind) ? undefined : (o.metadata?.namespace ?? 'default');
      if (kind === 'Node') {
        out.push({ kind, name, action: 'unchanged', message: `node/${name} is part of the cluster profile` });
        continue;
      }
      try {
        const r = this.core.store.apply(o as KObject);
        out.push({ kind, namespace: ns, name, action: r.action, message: `${kind.toLowerCase()}/${name} ${r.action}` });
      } catch (e) {
        const msg = e instanceof ApiError ? `Error from server (${e.reason}): error when creating "${kind.toLowerCase()}/${name}": ${e.message}` : (e as Error).message;
        out.push({ kind, namespace: ns, name, action: 'rejected', message: msg });
      }
    }
    return out;
  }

  /** One control-loop pass of every controller at the current time; true when anything changed. */
  reconcile(): boolean {
    let changed = false;
    for (const [, run] of CONTROLLERS) if (run(this.core)) changed = true;
    return changed;
  }

  /** Advances the virtual clock by `seconds`, reconciling once per second. */
  step(seconds = 1): void {
    for (let i = 0; i < seconds; i++) {
      for (let k = 0; k < 5 && this.reconcile(); k++);
      this.core.clock.advance(1);
    }
    this.reconcile();
    for (const t of this.core.timers) if (t <= this.core.clock.now) this.core.timers.delete(t);
  }

  /** Runs until nothing changes for `quiet` seconds (or `maxSeconds` pass). Returns whether it settled. */
  runUntilStable(maxSeconds = 900, quiet = 5): boolean {
    let calm = 0;
    for (let s = 0; s < maxSeconds; s++) {
      let changed = false;
      for (let k = 0; k < 5 && this.reconcile(); k++) changed = true;
      this.core.clock.advance(1);
      let pendingWork = [...this.core.podState.values()].some((rt) => ((rt.stage === 'Pulling' || rt.stage === 'Creating') && !rt.blocked) || rt.stage === 'BackOff');
      // A controller that plans to act later (a Job's back-off, an HPA sync, a container finishing) keeps the run going.
      for (const t of this.core.timers) {
        if (t <= this.core.clock.now) this.core.timers.delete(t);
        else pendingWork = true;
      }
      calm = changed || pendingWork ? 0 : calm + 1;
      if (calm >= quiet) return !this.hasCrashLoops();
    }
    return false;
  }

  private hasCrashLoops(): boolean {
    return [...this.core.podState.values()].some((rt) => rt.stage === 'BackOff');
  }

  private find(kind: string, namespace: string | undefined, name: string): KObject {
    const o = this.core.store.get(kind, namespace, name);
    if (!o) throw new ApiError(`${kind.toLowerCase()}s "${name}" not found`, 'NotFound');
    return o;
  }

  scale(kind: string, namespace: string | undefined, name: string, replicas: number): string {
    const o = this.find(kind, namespace, name);
    o.spec.replicas = replicas;
    this.core.store.update(o, true);
    return `${kind.toLowerCase()}.apps/${name} scaled`;
  }

  /** `kubectl set image` on a Deployment (or, with `kind`, a StatefulSet, DaemonSet or ReplicaSet). */
  setImage(namespace: string | undefined, name: string, container: string, image: string, kind = 'Deployment'): string {
    const d = this.find(kind, namespace, name);
    const c = [...(d.spec.template?.spec?.containers ?? []), ...(d.spec.template?.spec?.initContainers ?? [])].find((x: any) => x.name === container);
    if (!c) throw new ApiError(`unable to find container named "${container}"`, 'NotFound');
    c.image = image;
    this.core.store.update(d, true);
    return `${kind.toLowerCase()}.apps/${name} image updated`;
  }

  rolloutRestart(namespace: string | undefined, deployment: string): string {
    const d = this.find('Deployment', namespace, deployment);
    d.spec.template.metadata ??= {};
    d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': this.core.clock.timestamp() };
    this.core.store.update(d, true);
    return `deployment.apps/${deployment} restarted`;
  }

  rolloutUndo(namespace: string | undefined, deployment: string, toRevision?: number): string {
    return rolloutUndo(this.core, this.find('Deployment', namespace, deployment), toRevision);
  }

  rolloutHistory(namespace: string | undefined, deployment: string) {
    return rolloutHistory(this.core, this.find('Deployment', namespace, deployment));
  }

  deletePod(namespace: string | undefined, name: string): string {
    const p = this.find('Pod', namespace, name);
    this.core.store.delete('Pod', namespace, name);
    this.core.podState.delete(p.metadata.uid);
    return `pod "${name}" deleted`;
  }

  delete(kind: string, namespace: string | undefined, name: string): string {
    const removed = this.core.store.delete(kind, namespace, name);
    for (const r of removed) this.core.podState.delete(r.metadata.uid);
    return `${kind.toLowerCase()} "${name}" deleted`;
  }

  private setNodeReady(name: string, ready: boolean): void {
    const n = this.find('Node', undefined, name);
    n.status.conditions = [{ type: 'Ready', status: ready ? 'True' : 'Unknown', reason: ready ? 'KubeletReady' : 'NodeStatusUnknown' }];
    this.core.store.update(n);
  }

  failNode(name: string): string {
    this.setNodeReady(name, false);
    return `node/${name} stopped reporting (NotReady)`;
  }

  recoverNode(name: string): string {
    this.setNodeReady(name, true);
    return `node/${name} is Ready again`;
  }

  cordon(name: string, on = true): string {
    const n = this.find('Node', undefined, name);
    n.spec.unschedulable = on || undefined;
    this.core.store.update(n, true);
    this.core.record(n, 'Normal', on ? 'NodeNotSchedulable' : 'NodeSchedulable', `Node ${name} status is now: ${on ? 'NodeNotSchedulable' : 'NodeSchedulable'}`);
    return `node/${name} ${on ? 'cordoned' : 'uncordoned'}`;
  }

  drain(name: string): string {
    this.cordon(name);
    const pods = this.core.store.list('Pod').filter((p) => p.spec?.nodeName === name && isPodActive(p) && !p.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet'));
    for (const p of pods) {
      this.core.record(p, 'Normal', 'Evicted', `Evicted pod ${p.metadata.namespace}/${p.metadata.name}`);
      this.deletePod(p.metadata.namespace, p.metadata.name);
    }
    return `node/${name} drained (${pods.length} pod(s) evicted)`;
  }

  /** Why a pod is (or would be) where it is: per node, the failing filter or the scores. */
  explain(namespace: string | undefined, podName: string) {
    const p = this.find('Pod', namespace, podName);
    const nodes = this.core.store.list('Node');
    const usage = new NodeUsage(nodes);
    for (const q of this.core.store.list('Pod')) {
      if (q !== p && q.spec?.nodeName && isPodActive(q)) usage.add(q.spec.nodeName, podRequests(q), podRequests(q, true));
    }
    const unbound = { ...p, spec: { ...p.spec, nodeName: undefined } };
    const others = this.core.store.list('Pod').filter((q) => q !== p);
    const result = createScheduler({ strategy: this.core.profile.strategy, random: () => 0, percentageOfNodesToScore: 100 }).evaluate(unbound, nodes, usage, true, others);
    return { pod: podName, node: p.spec?.nodeName ?? null, message: p.spec?.nodeName ? `Scheduled on ${p.spec.nodeName}` : result.message, verdicts: result.verdicts };
  }

  /** A request to `host` + `path` through the Ingresses, a Service, to one ready endpoint (round-robin). */
  request(host: string, path: string): RequestTrace {
    const hops: string[] = [`request http://${host}${path}`];
    for (const ing of this.core.store.list('Ingress')) {
      const hit = matchIngress(ing.spec?.rules ?? [], host, path) ?? (ing.spec?.defaultBackend && !(ing.spec?.rules ?? []).length ? { backend: ing.spec.defaultBackend, path: '/' } : null);
      if (!hit) continue;
      hops.push(`ingress ${ing.metadata.namespace}/${ing.metadata.name} path ${hit.path ?? '/'} (${hit.pathType ?? 'Prefix'})`);
      const svcName = hit.backend?.service?.name;
      const svc = svcName ? this.core.store.get('Service', ing.metadata.namespace, svcName) : undefined;
      if (!svc) return { ok: false, hops, error: `service "${svcName}" not found` };
      const want = hit.backend.service.port?.number ?? hit.backend.service.port?.name;
      const port = (svc.spec.ports ?? []).find((p: any) => p.port === want || p.name === want);
      if (!port) return { ok: false, hops, error: `service ${svc.metadata.name} has no port ${want}` };
      hops.push(`service ${svc.metadata.namespace}/${svc.metadata.name} ${svc.spec.clusterIP}:${port.port} (${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local)`);
      const sel = svc.spec.selector ? matchLabels(svc.spec.selector) : () => false;
      const ready = this.core.store.list('Pod', svc.metadata.namespace).filter((p) => sel(p.metadata.labels ?? {}) && isPodReady(p));
      if (!ready.length) return { ok: false, hops, error: `no endpoints available for service "${svc.metadata.name}"` };
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      const i = (this.roundRobin.get(key) ?? 0) % ready.length;
      this.roundRobin.set(key, i + 1);
      const pod = ready[i];
      let target = port.targetPort;
      if (typeof target === 'string') target = (pod.spec.containers ?? []).flatMap((x: any) => x.ports ?? []).find((x: any) => x.name === target)?.containerPort ?? target;
      hops.push(`pod ${pod.metadata.namespace}/${pod.metadata.name} ${pod.status.podIP}:${target} on ${pod.spec.nodeName}`);
      return { ok: true, hops };
    }
    return { ok: false, hops, error: `no Ingress rule matches host "${host}" and path "${path}"` };
  }

  snapshot(): Snapshot {
    const pods = this.core.store.list('Pod').filter(isPodActive);
    const nodes = this.core.store.list('Node').map((n) => {
      const cap = nodeAllocatable(n);
      const mine = pods.filter((p) => p.spec?.nodeName === n.metadata.name);
      const req = mine.reduce((a, p) => { const r = podRequests(p); return { cpu: a.cpu + r.cpu, memory: a.memory + r.memory }; }, { cpu: 0, memory: 0 });
      return {
        name: n.metadata.name,
        ready: (n.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True'),
        unschedulable: !!n.spec?.unschedulable,
        cpu: { allocatable: cap.cpu, requested: req.cpu },
        memory: { allocatable: cap.memory, requested: req.memory },
        pods: { allocatable: cap.pods, count: mine.length },
        taints: (n.spec?.taints ?? []).map((t: any) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`),
      };
    });
    return { time: this.time, nodes, objects: structuredClone(this.core.store.all()), events: structuredClone(this.core.events) };
  }

  ownedBy(owner: KObject, kind: string): KObject[] {
    return this.core.store.owned(owner, kind);
  }
}

function nodeFromProfile(n: ClusterProfile['nodes'][number]) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', ...(n.labels ?? {}) } },
    spec: { taints: n.taints ?? [] },
    status: { capacity: { cpu: n.cpu, memory: n.memory, pods: String(n.pods ?? 110) }, allocatable: { cpu: n.cpu, memory: n.memory, pods: String(n.pods ?? 110) } },
  };
}

export function createCluster(profile?: ClusterProfile, nodeObjects?: KObject[]): SimulatedCluster {
  return new SimulatedCluster(profile, nodeObjects);
}
