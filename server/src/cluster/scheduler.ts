import { matchLabels } from './core';
import { nodeAllocatable, podRequests, type Resources } from './resources';

/** Kubernetes' adaptive number of nodes to score: all below 100 nodes, then a shrinking percentage (at least 5%, at least 100 nodes). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  let pct = percentageOfNodesToScore ?? 0;
  if (pct <= 0) {
    pct = 50 - Math.floor(numAllNodes / 125);
    if (pct < 5) pct = 5;
  }
  if (pct >= 100) return numAllNodes;
  const n = Math.floor((numAllNodes * pct) / 100);
  return n < 100 ? 100 : n;
}

export interface NodeVerdict {
  node: string;
  /** The filter that rejected the node, with its reason. */
  failed?: { plugin: string; reason: string };
  scores?: Record<string, number>;
  total?: number;
}

export interface ScheduleResult {
  nodeName: string | null;
  /** Kubernetes' FailedScheduling message when nodeName is null. */
  message: string;
  verdicts: NodeVerdict[];
}

/** What one scheduling cycle knows beyond the node itself: the pods already placed and the inter-pod constraints. */
export interface CycleState {
  /** Required topology spread constraints (DoNotSchedule): matching pods per domain and the global minimum. */
  spread: Array<{ key: string; maxSkew: number; counts: Map<string, number>; min: number; self: number }>;
  /** Incoming pod's required anti-affinity: topology values already holding a matching pod, per term. */
  anti: Array<{ key: string; values: Set<string> }>;
  /** Existing pods' required anti-affinity that selects the incoming pod: forbidden topology values per key. */
  existingAnti: Map<string, Set<string>>;
  /** Incoming pod's required affinity: topology values holding a matching pod (null = no match anywhere and the pod matches itself). */
  affinity: Array<{ key: string; values: Set<string> | null }>;
  /** Preferred spread (ScheduleAnyway) constraints, for scoring. */
  softSpread: Array<{ key: string; maxSkew: number; counts: Map<string, number>; weight: number; system?: boolean }>;
}

type Filter = (pod: any, node: any, used: Resources, req: Resources, state: CycleState | null) => string | null;

export const SPREAD_MISMATCH = "node(s) didn't match pod topology spread constraints";
export const SPREAD_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
export const AFFINITY_MISMATCH = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_MISMATCH = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_MISMATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

export function tolerates(tolerations: any[], taint: any): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** A node selector term: its matchExpressions (labels) and matchFields (metadata.name) all hold; an empty term matches nothing. */
function termMatches(node: any, t: any): boolean {
  const exprs = t?.matchExpressions ?? [];
  const fields = t?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  return exprs.every((e: any) => matchExpr(labels, e)) && fields.every((e: any) => matchExpr(e.key === 'metadata.name' ? { 'metadata.name': node.metadata.name } : {}, e));
}

/** nodeSelector and required node affinity (terms ORed), as the NodeAffinity filter and the DaemonSet controller check them. */
export function nodeMatchesPod(pod: any, node: any): boolean {
  const labels = node.metadata.labels ?? {};
  const sel = pod.spec?.nodeSelector ?? {};
  if (Object.entries(sel).some(([k, v]) => labels[k] !== v)) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !(Array.isArray(terms) && terms.length && !terms.some((t: any) => termMatches(node, t)));
}

function matchExpr(labels: Record<string, string>, e: any): boolean {
  const v = labels[e.key];
  switch (e.operator) {
    case 'In': return v !== undefined && (e.values ?? []).includes(v);
    case 'NotIn': return v === undefined || !(e.values ?? []).includes(v);
    case 'Exists': return v !== undefined;
    case 'DoesNotExist': return v === undefined;
    case 'Gt': return v !== undefined && Number(v) > Number(e.values?.[0]);
    case 'Lt': return v !== undefined && Number(v) < Number(e.values?.[0]);
    default: return false;
  }
}

/** Filter plugins in kube-scheduler's order; each returns the reason a node is rejected, or null. */
export const FILTERS: Array<[string, Filter]> = [
  ['NodeUnschedulable', (pod, node) =>
    node.spec?.unschedulable && !tolerates(pod.spec?.tolerations ?? [], { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }) ? 'node(s) were unschedulable' : null],
  ['NodeName', (pod, node) => (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata.name ? "node(s) didn't match the requested node name" : null)],
  ['TaintToleration', (pod, node) => {
    const taint = (node.spec?.taints ?? []).find((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations ?? [], t));
    return taint ? `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}` : null;
  }],
  ['NodeAffinity', (pod, node) => (nodeMatchesPod(pod, node) ? null : "node(s) didn't match Pod's node affinity/selector")],
  ['NodeResourcesFit', (_pod, node, used, req) => {
    const cap = nodeAllocatable(node);
    const reasons: string[] = [];
    if (used.pods + 1 > cap.pods) reasons.push('Too many pods');
    if (req.cpu > 0 && used.cpu + req.cpu > cap.cpu) reasons.push('Insufficient cpu');
    if (req.memory > 0 && used.memory + req.memory > cap.memory) reasons.push('Insufficient memory');
    return reasons.length ? reasons.join('\u0000') : null;
  }],
  ['PodTopologySpread', (_pod, node, _used, _req, state) => {
    for (const c of state?.spread ?? []) {
      const v = node.metadata.labels?.[c.key];
      if (v === undefined) return SPREAD_MISSING_LABEL;
      // skew = matching pods in this domain (with the incoming pod) − the smallest count over all eligible domains.
      if ((c.counts.get(v) ?? 0) + c.self - c.min > c.maxSkew) return SPREAD_MISMATCH;
    }
    return null;
  }],
  ['InterPodAffinity', (_pod, node, _used, _req, state) => {
    if (!state) return null;
    const labels = node.metadata.labels ?? {};
    for (const a of state.affinity) {
      if (a.values === null) continue;
      if (labels[a.key] === undefined || !a.values.has(labels[a.key])) return AFFINITY_MISMATCH;
    }
    for (const a of state.anti) if (labels[a.key] !== undefined && a.values.has(labels[a.key])) return ANTI_AFFINITY_MISMATCH;
    for (const [key, values] of state.existingAnti) if (labels[key] !== undefined && values.has(labels[key])) return EXISTING_ANTI_AFFINITY_MISMATCH;
    return null;
  }],
];

const UNRESOLVABLE = new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity']);

/** The first filters (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity) depend only on the pod's shape and the node. */
const STATIC_FILTERS = 4;
const zeroUse: Resources = { cpu: 0, memory: 0, pods: 0 };
interface NodeEntry {
  node: any;
  name: string;
  cap: Resources;
  /** The first static filter that rejects the node, or null. */
  failed: NodeVerdict['failed'] | null;
}

const staticCache = new WeakMap<any[], Map<string, NodeEntry[]>>();

/**
 * The verdicts of the static filters for every node, cached per node list and pod shape (tolerations,
 * nodeSelector, node affinity, nodeName): null where they pass. Node lists are rebuilt each scheduling pass,
 * so a cordon or a new taint is seen on the next pass.
 */
function staticVerdicts(pod: any, nodes: any[]): NodeEntry[] {
  const spec = pod.spec ?? {};
  const key = JSON.stringify([spec.tolerations ?? null, spec.nodeSelector ?? null, spec.affinity?.nodeAffinity ?? null, spec.nodeName ?? null]);
  let byShape = staticCache.get(nodes);
  if (!byShape) staticCache.set(nodes, (byShape = new Map()));
  let verdicts = byShape.get(key);
  if (!verdicts) {
    verdicts = [];
    for (const node of nodes) {
      let failed: NodeVerdict['failed'] | null = null;
      for (let i = 0; i < STATIC_FILTERS; i++) {
        const [plugin, f] = FILTERS[i];
        const reason = f(pod, node, zeroUse, zeroUse, null);
        if (reason) {
          failed = { plugin, reason };
          break;
        }
      }
      verdicts.push({ node, name: node.metadata.name, cap: nodeAllocatable(node), failed });
    }
    byShape.set(key, verdicts);
  }
  return verdicts;
}

/**
 * What the pods bound to each node request (and request with the scoring defaults for zero requests), kept by
 * the node's position in one node list: the scheduler reads it for every node it looks at, so positions and
 * typed arrays instead of a lookup by name. Like kube-scheduler's NodeInfo snapshot, it is built once per
 * scheduling pass and updated as pods are bound.
 */
export class NodeUsage {
  private readonly index = new Map<string, number>();
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  readonly pods: Float64Array;
  readonly nonZeroCpu: Float64Array;
  readonly nonZeroMemory: Float64Array;

  constructor(readonly nodes: any[]) {
    nodes.forEach((n, i) => this.index.set(n.metadata?.name, i));
    const make = () => new Float64Array(nodes.length);
    this.cpu = make();
    this.memory = make();
    this.pods = make();
    this.nonZeroCpu = make();
    this.nonZeroMemory = make();
  }

  /** Adds a pod bound to `node`: its requests, and its requests with the scoring defaults. */
  add(node: string, requests: Resources, nonZero: Resources): void {
    const i = this.index.get(node);
    if (i === undefined) return;
    this.cpu[i] += requests.cpu;
    this.memory[i] += requests.memory;
    this.pods[i] += 1;
    this.nonZeroCpu[i] += nonZero.cpu;
    this.nonZeroMemory[i] += nonZero.memory;
  }

}

/** NodeResourcesFit's score for one resource: LeastAllocated (free share) or MostAllocated (used share), 0–100, integer. */
function resourceScore(strategy: 'LeastAllocated' | 'MostAllocated', requested: number, capacity: number): number {
  if (capacity <= 0) return 0;
  if (strategy === 'MostAllocated') return Math.floor((Math.min(requested, capacity) * 100) / capacity);
  return requested > capacity ? 0 : Math.floor(((capacity - requested) * 100) / capacity);
}
/** Reasons whose plugin says preemption cannot help, though other reasons of the same plugin can. */
const UNRESOLVABLE_REASONS = new Set([SPREAD_MISSING_LABEL, AFFINITY_MISMATCH]);

const podActive = (p: any) => !!p.spec?.nodeName && !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

function inNamespaces(term: any, ownerNs: string, candidateNs: string): boolean {
  // An empty namespaceSelector selects every namespace; otherwise the term's namespaces, or the owner's own.
  const nsSel = term?.namespaceSelector;
  if (nsSel && !nsSel.matchLabels && !nsSel.matchExpressions) return true;
  const list: string[] | undefined = term?.namespaces?.length ? term.namespaces : undefined;
  return list ? list.includes(candidateNs) : candidateNs === ownerNs;
}

const requiredTerms = (pod: any, kind: 'podAffinity' | 'podAntiAffinity'): any[] => {
  const t = pod?.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(t) ? t : [];
};

const antiAffinityIndex = new WeakMap<any[], any[]>();

/**
 * The PreFilter work of PodTopologySpread and InterPodAffinity for one pod: counts of matching pods per
 * topology domain (only nodes that pass the pod's node affinity count, as nodeAffinityPolicy Honor says),
 * and the domains that anti-affinity rules close. Null when the pod and the cluster have no such rules.
 */
export function prepareCycle(pod: any, nodes: any[], pods: any[]): CycleState | null {
  const constraints: any[] = Array.isArray(pod.spec?.topologySpreadConstraints) ? pod.spec.topologySpreadConstraints : [];
  const affinityTerms = requiredTerms(pod, 'podAffinity');
  const antiTerms = requiredTerms(pod, 'podAntiAffinity');
  let withAnti = antiAffinityIndex.get(pods);
  if (!withAnti) {
    withAnti = pods.filter((p) => requiredTerms(p, 'podAntiAffinity').length > 0);
    antiAffinityIndex.set(pods, withAnti);
  }
  const owner = !constraints.length ? systemDefaultOwner(pod) : null;
  if (!constraints.length && !owner && !affinityTerms.length && !antiTerms.length && !withAnti.length) return null;
  const ns = pod.metadata?.namespace ?? 'default';
  const podLabels = pod.metadata?.labels ?? {};
  let nodeByName = nodesByName.get(nodes);
  if (!nodeByName) nodesByName.set(nodes, (nodeByName = new Map(nodes.map((n) => [n.metadata.name, n]))));
  const state: CycleState = { spread: [], anti: [], existingAnti: new Map(), affinity: [], softSpread: [] };
  // The placed pods, listed only when a rule of the pod's own needs them (the system default spread does not).
  let placedList: any[] | null = null;
  const placedPods = () => (placedList ??= pods.filter((p) => p !== pod && podActive(p)));
  for (const c of constraints) {
    if (!c?.topologyKey) continue;
    // matchLabelKeys add the incoming pod's own values for those keys to the selector.
    const extra: Record<string, string> = {};
    for (const k of c.matchLabelKeys ?? []) if (podLabels[k] !== undefined) extra[k] = podLabels[k];
    const base = matchLabels(c.labelSelector);
    const sel = (l: Record<string, string>) => base(l) && Object.entries(extra).every(([k, v]) => l[k] === v);
    const eligible = nodes.filter((n) => n.metadata.labels?.[c.topologyKey] !== undefined && (c.nodeAffinityPolicy === 'Ignore' || nodeMatchesPod(pod, n)) && (c.nodeTaintsPolicy !== 'Honor' || !(n.spec?.taints ?? []).some((t: any) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations ?? [], t))));
    const counts = new Map<string, number>();
    for (const n of eligible) counts.set(n.metadata.labels[c.topologyKey], 0);
    const eligibleNames = new Set(eligible.map((n) => n.metadata.name));
    for (const p of placedPods()) {
      if ((p.metadata.namespace ?? 'default') !== ns || !eligibleNames.has(p.spec.nodeName) || !sel(p.metadata.labels ?? {})) continue;
      const v = nodeByName.get(p.spec.nodeName).metadata.labels[c.topologyKey];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    let min = counts.size ? Math.min(...counts.values()) : 0;
    if (typeof c.minDomains === 'number' && counts.size < c.minDomains) min = 0;
    const maxSkew = Number(c.maxSkew ?? 1);
    if (c.whenUnsatisfiable === 'ScheduleAnyway') state.softSpread.push({ key: c.topologyKey, maxSkew, counts, weight: Math.log(counts.size + 2) });
    else state.spread.push({ key: c.topologyKey, maxSkew, counts, min, self: sel(podLabels) ? 1 : 0 });
  }
  if (owner) systemDefaultSpread(state, owner, nodes, pods, nodeByName);
  const domainsOf = (term: any, ownerNs: string): Set<string> => {
    const sel = matchLabels(term.labelSelector);
    const values = new Set<string>();
    for (const p of placedPods()) {
      if (!inNamespaces(term, ownerNs, p.metadata.namespace ?? 'default') || !sel(p.metadata.labels ?? {})) continue;
      const v = nodeByName.get(p.spec.nodeName)?.metadata.labels?.[term.topologyKey];
      if (v !== undefined) values.add(v);
    }
    return values;
  };
  for (const term of antiTerms) if (term?.topologyKey) state.anti.push({ key: term.topologyKey, values: domainsOf(term, ns) });
  for (const term of affinityTerms) {
    if (!term?.topologyKey) continue;
    const values = domainsOf(term, ns);
    // The first pod of a group that selects itself may go anywhere (otherwise it could never start).
    const selfMatch = inNamespaces(term, ns, ns) && matchLabels(term.labelSelector)(podLabels);
    const anyMatch = placedPods().some((p) => inNamespaces(term, ns, p.metadata.namespace ?? 'default') && matchLabels(term.labelSelector)(p.metadata.labels ?? {}));
    state.affinity.push({ key: term.topologyKey, values: !anyMatch && selfMatch ? null : values });
  }
  for (const other of withAnti) {
    if (other === pod || !podActive(other)) continue;
    const otherNode = nodeByName.get(other.spec.nodeName);
    for (const term of requiredTerms(other, 'podAntiAffinity')) {
      if (!term?.topologyKey || !inNamespaces(term, other.metadata.namespace ?? 'default', ns) || !matchLabels(term.labelSelector)(podLabels)) continue;
      const v = otherNode?.metadata.labels?.[term.topologyKey];
      if (v === undefined) continue;
      let values = state.existingAnti.get(term.topologyKey);
      if (!values) state.existingAnti.set(term.topologyKey, (values = new Set()));
      values.add(v);
    }
  }
  return state;
}

/**
 * kube-scheduler's system default spreading: a pod without topologySpreadConstraints of its own is spread as if
 * it had `maxSkew: 3` on kubernetes.io/hostname and `maxSkew: 5` on topology.kubernetes.io/zone, both
 * ScheduleAnyway (a score, never a filter), over the pods its ReplicaSet, StatefulSet or ReplicationController
 * selects. Here: the pods with the same controller owner (a ReplicaSet's selector carries its
 * pod-template-hash, so it selects exactly its own pods). Nodes without the label do not count for that key.
 */
function systemDefaultOwner(pod: any): string | null {
  const ref = (pod.metadata?.ownerReferences ?? []).find((o: any) => o?.controller && ['ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(o.kind));
  return ref?.uid ?? null;
}

const SYSTEM_DEFAULT_CONSTRAINTS = [
  { key: 'kubernetes.io/hostname', maxSkew: 3 },
  { key: 'topology.kubernetes.io/zone', maxSkew: 5 },
];

/** Pods grouped by controller owner, once per pod list (their nodes are read live: binds of this pass count). */
const byOwnerIndex = new WeakMap<any[], Map<string, any[]>>();
/** Nodes by name, once per node list. */
const nodesByName = new WeakMap<any[], Map<string, any>>();

function systemDefaultSpread(state: CycleState, ownerUid: string, nodes: any[], pods: any[], nodeByName: Map<string, any>): void {
  let byOwner = byOwnerIndex.get(pods);
  if (!byOwner) {
    byOwner = new Map();
    for (const p of pods) {
      const uid = systemDefaultOwner(p);
      if (!uid) continue;
      const list = byOwner.get(uid);
      if (list) list.push(p);
      else byOwner.set(uid, [p]);
    }
    byOwnerIndex.set(pods, byOwner);
  }
  const siblings = byOwner.get(ownerUid) ?? [];
  for (const c of SYSTEM_DEFAULT_CONSTRAINTS) {
    const counts = new Map<string, number>();
    for (const n of nodes) {
      const v = n.metadata.labels?.[c.key];
      if (v !== undefined) counts.set(v, 0);
    }
    if (counts.size === 0) continue;
    for (const p of siblings) {
      if (!podActive(p)) continue;
      const v = nodeByName.get(p.spec.nodeName)?.metadata.labels?.[c.key];
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    state.softSpread.push({ key: c.key, maxSkew: c.maxSkew, counts, weight: Math.log(counts.size + 2), system: true });
  }
}

export interface SchedulerOptions {
  strategy?: 'LeastAllocated' | 'MostAllocated';
  percentageOfNodesToScore?: number;
  random: () => number;
}

/**
 * A small kube-scheduler: filter plugins, then NodeResourcesFit scoring (LeastAllocated by default,
 * MostAllocated for bin packing) with the non-zero request defaults, on the adaptive number of
 * feasible nodes; ties go to the seeded random source. `used` holds what is already placed per node.
 */
export function createScheduler(options: SchedulerOptions) {
  const strategy = options.strategy ?? 'LeastAllocated';
  const scoreKey = `NodeResourcesFit(${strategy})`;
  // kube-scheduler starts each cycle where the previous one stopped, so every node gets its turn.
  let nextStart = 0;
  function evaluate(pod: any, allNodes: any[], usage: NodeUsage, explain = true, pods: any[] = []): ScheduleResult {
    if (usage.nodes !== allNodes) throw new Error('NodeUsage was made for another node list');
    const n = allNodes.length;
    const start = n ? nextStart % n : 0;
    const failures: NodeVerdict[] = [];
    const scored: NodeVerdict[] = [];
    const want = numFeasibleNodesToFind(options.percentageOfNodesToScore, n);
    const podReq = podRequests(pod);
    const req = podRequests(pod, true);
    const state = prepareCycle(pod, allNodes, pods);
    const entries = staticVerdicts(pod, allNodes);
    const soft = !!state?.softSpread.length;
    // With ScheduleAnyway spread the scores are normalised over all feasible nodes, so they wait for the end.
    const pendingSoft: Array<{ node: any; score: number }> = [];
    let feasible = 0;
    let bestTotal = -Infinity;
    const bestNames: string[] = [];
    // kube-scheduler starts each cycle where the previous one stopped, going round the node list.
    for (let k = 0; k < n; k++) {
      // Like kube-scheduler, stop filtering once enough feasible nodes are found.
      if (feasible >= want) break;
      const at = (start + k) % n;
      const e = entries[at];
      // The filters that depend only on the pod's shape and the node come first, cached per shape.
      let failed: NodeVerdict['failed'] = e.failed ?? undefined;
      if (!failed) {
        const uPods = usage.pods[at];
        const uCpu = usage.cpu[at];
        const uMemory = usage.memory[at];
        const cap = e.cap;
        // Fast path: when the resources fit and there are no inter-pod rules, nothing else can fail.
        const fits = uPods + 1 <= cap.pods && !(podReq.cpu > 0 && uCpu + podReq.cpu > cap.cpu) && !(podReq.memory > 0 && uMemory + podReq.memory > cap.memory);
        for (let i = fits && !state ? FILTERS.length : STATIC_FILTERS; i < FILTERS.length; i++) {
          const [plugin, f] = FILTERS[i];
          const reason = f(pod, e.node, { cpu: uCpu, memory: uMemory, pods: uPods }, podReq, state);
          if (reason) {
            failed = { plugin, reason };
            break;
          }
        }
      }
      if (failed) {
        failures.push({ node: e.name, failed });
        continue;
      }
      feasible++;
      // NodeResourcesFit score with the non-zero request defaults: per resource an integer score as
      // kube-scheduler computes it, then the weighted mean (cpu 1, memory 1), rounded down.
      const score = Math.floor((resourceScore(strategy, usage.nonZeroCpu[at] + req.cpu, e.cap.cpu) + resourceScore(strategy, usage.nonZeroMemory[at] + req.memory, e.cap.memory)) / 2);
      if (soft) {
        pendingSoft.push({ node: e.node, score });
        continue;
      }
      if (explain) scored.push({ node: e.name, scores: { [scoreKey]: score }, total: score });
      if (score > bestTotal) {
        bestTotal = score;
        bestNames.length = 0;
        bestNames.push(e.name);
      } else if (score === bestTotal) bestNames.push(e.name);
    }
    nextStart = start + feasible + failures.length;
    if (feasible === 0) return { nodeName: null, message: failureMessage(n, failures), verdicts: failures };
    if (soft) {
      const spreadScores = scoreSpread(state!, pendingSoft.map((x) => x.node));
      for (const { node, score } of pendingSoft) {
        // Final score = Σ weight × plugin score (NodeResourcesFit 1, PodTopologySpread 2).
        const spread = spreadScores.get(node.metadata.name) ?? 0;
        const total = score + 2 * spread;
        if (explain) scored.push({ node: node.metadata.name, scores: { [scoreKey]: score, PodTopologySpread: spread }, total });
        if (total > bestTotal) {
          bestTotal = total;
          bestNames.length = 0;
          bestNames.push(node.metadata.name);
        } else if (total === bestTotal) bestNames.push(node.metadata.name);
      }
    }
    // Ties go to the seeded random source.
    const pick = bestNames.length === 1 ? bestNames[0] : bestNames[Math.floor(options.random() * bestNames.length)];
    return { nodeName: pick, message: '', verdicts: [...failures, ...scored] };
  }
  return { evaluate };
}

/**
 * PodTopologySpread scoring for ScheduleAnyway constraints: per node Σ (matching pods in its domain ×
 * log(domains + 2) + maxSkew − 1), then normalised so the emptiest domain scores 100
 * (100 × (max + min − s) / max); nodes without the topology label score 0.
 */
function scoreSpread(state: CycleState, feasible: any[]): Map<string, number> {
  const raw = new Map<string, number>();
  const missing = new Set<string>();
  for (const node of feasible) {
    let s = 0;
    for (const c of state.softSpread) {
      const v = node.metadata.labels?.[c.key];
      if (v === undefined && c.system) continue; // system defaults skip a key the node lacks
      if (v === undefined) {
        missing.add(node.metadata.name);
        break;
      }
      s += (c.counts.get(v) ?? 0) * c.weight + (c.maxSkew - 1);
    }
    if (!missing.has(node.metadata.name)) raw.set(node.metadata.name, Math.round(s));
  }
  const values = [...raw.values()];
  const max = values.length ? Math.max(...values) : 0;
  const min = values.length ? Math.min(...values) : 0;
  const out = new Map<string, number>();
  for (const node of feasible) {
    const s = raw.get(node.metadata.name);
    out.set(node.metadata.name, s === undefined ? 0 : max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max));
  }
  return out;
}

/** "0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: …" */
export function failureMessage(total: number, verdicts: NodeVerdict[]): string {
  const counts = new Map<string, number>();
  let unresolvable = 0;
  let resolvable = 0;
  for (const v of verdicts) {
    if (!v.failed) continue;
    for (const r of v.failed.reason.split('\u0000')) counts.set(r, (counts.get(r) ?? 0) + 1);
    if (UNRESOLVABLE.has(v.failed.plugin) || UNRESOLVABLE_REASONS.has(v.failed.reason)) unresolvable++;
    else resolvable++;
  }
  // Kubernetes sorts the formatted "count reason" strings.
  const reasons = [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort();
  const pre: string[] = [];
  if (unresolvable) pre.push(`${unresolvable} Preemption is not helpful for scheduling`);
  if (resolvable) pre.push(`${resolvable} No preemption victims found for incoming pod`);
  return `0/${total} nodes are available: ${reasons.join(', ')}. preemption: 0/${total} nodes are available: ${pre.join(', ')}.`;
}
