/**
 * The simulated cluster: scheduler throughput (pods placed per second of wall time, filter + score
 * over every node) at 100, 1,000 and 5,000 nodes, and a whole apply-until-stable of many Deployments.
 */
import { createCluster } from '../server/src/cluster/index';
import { createScheduler, NodeUsage, numFeasibleNodesToFind } from '../server/src/cluster/scheduler';
import { seededRandom } from '../server/src/cluster/clock';
import { podRequests } from '../server/src/cluster/resources';

function nodes(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
    spec: {},
    status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  }));
}

const pod = (i: number) => ({ metadata: { name: `p-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } });

function throughput(nodeCount: number, pods: number): { podsPerSecond: number; podsPerCpuSecond: number; scored: number } {
  once(Math.min(nodeCount, 1000), 500); // warm the JIT, so the run measures steady-state code
  return once(nodeCount, pods);
}

function once(nodeCount: number, pods: number): { podsPerSecond: number; podsPerCpuSecond: number; scored: number } {
  const ns = nodes(nodeCount);
  const s = createScheduler({ random: seededRandom(1) });
  // As the scheduling controller does: usage by node position, updated as pods are bound.
  const usage = new NodeUsage(ns);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let scored = 0;
  for (let i = 0; i < pods; i++) {
    const p = pod(i);
    const r = s.evaluate(p, ns, usage, false);
    scored += Math.min(ns.length, numFeasibleNodesToFind(undefined, ns.length));
    if (r.nodeName) usage.add(r.nodeName, podRequests(p), podRequests(p, true));
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { podsPerSecond: pods / secs, podsPerCpuSecond: pods / ((cpu.user + cpu.system) / 1e6), scored: scored / pods };
}

/**
 * The same loop with inter-pod rules: every pod carries a zone spread constraint (DoNotSchedule, maxSkew 1,
 * 10 zones) or a required anti-affinity on kubernetes.io/hostname, so each cycle first counts the placed pods
 * (PreFilter), which costs O(pods placed) per pod.
 */
function constrained(nodeCount: number, pods: number, rule: 'spread' | 'anti'): number {
  const ns = nodes(nodeCount).map((n, i) => ({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, 'topology.kubernetes.io/zone': `z${i % 10}` } } }));
  const s = createScheduler({ random: seededRandom(1) });
  const usage = new NodeUsage(ns);
  const placed: any[] = [];
  const t0 = performance.now();
  for (let i = 0; i < pods; i++) {
    const p: any = pod(i);
    p.metadata.labels = { app: 'spread' };
    if (rule === 'spread') p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }];
    else p.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'spread' } } }] } };
    const r = s.evaluate(p, ns, usage, false, placed);
    if (r.nodeName) {
      p.spec.nodeName = r.nodeName;
      placed.push(p);
      usage.add(r.nodeName, podRequests(p), podRequests(p, true));
    }
  }
  return pods / ((performance.now() - t0) / 1000);
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  // Wall time and CPU time: on a shared machine the CPU figure is the steadier one.
  const rows: string[][] = [['nodes', 'pods scheduled', 'nodes scored per pod', 'pods/s (wall)', 'pods/s (CPU time)']];
  for (const [n, p] of [[100, 5000], [1000, 4000], [5000, 1000]]) {
    const r = throughput(n, p);
    rows.push([String(n), String(p), r.scored.toFixed(0), r.podsPerSecond.toFixed(0), r.podsPerCpuSecond.toFixed(0)]);
  }
  report('Scheduler throughput (filter + score one pod at a time, in memory)', rows);

  const rules: string[][] = [['rule', 'nodes', 'pods scheduled', 'pods/s']];
  for (const [rule, n, p] of [['spread', 100, 1000], ['spread', 1000, 2000], ['anti', 1000, 1000]] as const) rules.push([rule === 'spread' ? 'PodTopologySpread zone maxSkew 1' : 'required anti-affinity on hostname', String(n), String(p), constrained(n, p, rule).toFixed(0)]);
  report('Scheduler throughput with inter-pod rules (every pod constrained)', rules);

  const apply: string[][] = [['deployments × replicas', 'nodes', 'pods running', 'virtual seconds', 'wall time (s)', 'heap after (MB)']];
  for (const [deployments, replicas, nodeCount] of [[100, 10, 50], [300, 10, 150], [1000, 10, 500]]) {
    const c = createCluster({ nodes: Array.from({ length: nodeCount }, (_, i) => ({ name: `n${i}`, cpu: '32', memory: '128Gi', pods: 110 })), seed: 1 });
    const objs = Array.from({ length: deployments }, (_, i) => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${i}`, namespace: 'default' },
      spec: { replicas, selector: { matchLabels: { app: `d${i}` } }, template: { metadata: { labels: { app: `d${i}` } }, spec: { containers: [{ name: 'c', image: 'app:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } },
    }));
    const t0 = performance.now();
    c.apply(objs);
    c.runUntilStable();
    const secs = (performance.now() - t0) / 1000;
    const running = c.core.store.list('Pod').filter((p) => p.status?.phase === 'Running').length;
    apply.push([`${deployments} × ${replicas}`, String(nodeCount), String(running), String(c.time), secs.toFixed(1), (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)]);
  }
  report('Apply Deployments and run until stable (whole simulator)', apply);
}
