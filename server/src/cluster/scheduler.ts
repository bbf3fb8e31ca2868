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

type Filter = (pod: any, node: any, used: Resources, req: Resources) => string | null;

function tolerates(tolerations: any[], taint: any): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
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
  ['NodeAffinity', (pod, node) => {
    const labels = node.metadata.labels ?? {};
    const sel = pod.spec?.nodeSelector ?? {};
    if (Object.entries(sel).some(([k, v]) => labels[k] !== v)) return "node(s) didn't match Pod's node affinity/selector";
    const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (Array.isArray(terms) && terms.length && !terms.some((t: any) => (t.matchExpressions ?? []).every((e: any) => matchExpr(labels, e)))) return "node(s) didn't match Pod's node affinity/selector";
    return null;
  }],
  ['NodeResourcesFit', (_pod, node, used, req) => {
    const cap = nodeAllocatable(node);
    const reasons: string[] = [];
    if (used.pods + 1 > cap.pods) reasons.push('Too many pods');
    if (req.cpu > 0 && used.cpu + req.cpu > cap.cpu) reasons.push('Insufficient cpu');
    if (req.memory > 0 && used.memory + req.memory > cap.memory) reasons.push('Insufficient memory');
    return reasons.length ? reasons.join('\u0000') : null;
  }],
];

const UNRESOLVABLE = new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity']);

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
  function evaluate(pod: any, allNodes: any[], used: Map<string, Resources>, usedNonZero: Map<string, Resources>, explain = true): ScheduleResult {
    const start = allNodes.length ? nextStart % allNodes.length : 0;
    const nodes = start ? [...allNodes.slice(start), ...allNodes.slice(0, start)] : allNodes;
    const verdicts: NodeVerdict[] = [];
    const feasible: any[] = [];
    const want = numFeasibleNodesToFind(options.percentageOfNodesToScore, nodes.length);
    const podReq = podRequests(pod);
    const zero = { cpu: 0, memory: 0, pods: 0 };
    for (const node of nodes) {
      // Like kube-scheduler, stop filtering once enough feasible nodes are found.
      if (feasible.length >= want) break;
      const u = used.get(node.metadata.name) ?? zero;
      let failed: NodeVerdict['failed'];
      for (const [plugin, f] of FILTERS) {
        const reason = f(pod, node, u, podReq);
        if (reason) {
          failed = { plugin, reason };
          break;
        }
      }
      if (failed) verdicts.push({ node: node.metadata.name, failed });
      else feasible.push(node);
    }
    nextStart = start + feasible.length + verdicts.length;
    if (feasible.length === 0) return { nodeName: null, message: failureMessage(nodes.length, verdicts), verdicts };
    const req = podRequests(pod, true);
    let best: { node: string; total: number }[] = [];
    for (const node of feasible) {
      const cap = nodeAllocatable(node);
      const u = usedNonZero.get(node.metadata.name) ?? { cpu: 0, memory: 0, pods: 0 };
      const frac = (requested: number, capacity: number) => (capacity <= 0 ? 0 : Math.min(1, requested / capacity));
      const cpu = frac(u.cpu + req.cpu, cap.cpu);
      const mem = frac(u.memory + req.memory, cap.memory);
      const score = strategy === 'LeastAllocated' ? Math.floor((((1 - cpu) * 100) + ((1 - mem) * 100)) / 2) : Math.floor((cpu * 100 + mem * 100) / 2);
      if (explain) verdicts.push({ node: node.metadata.name, scores: { [scoreKey]: score }, total: score });
      if (!best.length || score > best[0].total) best = [{ node: node.metadata.name, total: score }];
      else if (score === best[0].total) best.push({ node: node.metadata.name, total: score });
    }
    const pick = best.length === 1 ? best[0] : best[Math.floor(options.random() * best.length)];
    return { nodeName: pick.node, message: '', verdicts };
  }
  return { evaluate };
}

/** "0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: …" */
export function failureMessage(total: number, verdicts: NodeVerdict[]): string {
  const counts = new Map<string, number>();
  let unresolvable = 0;
  let resolvable = 0;
  for (const v of verdicts) {
    if (!v.failed) continue;
    for (const r of v.failed.reason.split('\u0000')) counts.set(r, (counts.get(r) ?? 0) + 1);
    if (UNRESOLVABLE.has(v.failed.plugin)) unresolvable++;
    else resolvable++;
  }
  // Kubernetes sorts the formatted "count reason" strings.
  const reasons = [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort();
  const pre: string[] = [];
  if (unresolvable) pre.push(`${unresolvable} Preemption is not helpful for scheduling`);
  if (resolvable) pre.push(`${resolvable} No preemption victims found for incoming pod`);
  return `0/${total} nodes are available: ${reasons.join(', ')}. preemption: 0/${total} nodes are available: ${pre.join(', ')}.`;
}
