import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCluster, defaultClusterProfile } from '../../../server/src/cluster/index';
import { podRequests, nodeAllocatable } from '../../../server/src/cluster/resources';
import { resolveFenceposts } from '../../../server/src/k8s/index';

type Cluster = ReturnType<typeof createCluster>;

const NAMES = ['a', 'b'];
const WORKERS = ['worker-1', 'worker-2', 'worker-3'];

const deployment = (name: string, replicas: number, cpu: string, maxSurge: number | string, maxUnavailable: number | string, image = 'app:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, resources: { requests: { cpu, memory: '256Mi' } } }] } },
  },
});

const op = fc.oneof(
  fc.record({ kind: fc.constant('apply' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 1, max: 6 }), cpu: fc.constantFrom('100m', '500m', '1'), surge: fc.constantFrom<number | string>(0, 1, 2, '25%', '50%'), unavailable: fc.constantFrom<number | string>(0, 1, '25%', '50%') }),
  fc.record({ kind: fc.constant('scale' as const), target: fc.nat(7), replicas: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('setImage' as const), target: fc.nat(7), image: fc.constantFrom('app:1', 'app:2', 'app:3') }),
  fc.record({ kind: fc.constant('undo' as const), target: fc.nat(7) }),
  fc.record({ kind: fc.constant('deletePod' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat(7) }),
  fc.record({ kind: fc.constant('failNode' as const), node: fc.constantFrom(...WORKERS) }),
  fc.record({ kind: fc.constant('recoverNode' as const), node: fc.constantFrom(...WORKERS) }),
  fc.record({ kind: fc.constant('drain' as const), node: fc.constantFrom(...WORKERS) }),
  fc.record({ kind: fc.constant('uncordon' as const), node: fc.constantFrom(...WORKERS) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const step = fc.record({ op, wait: fc.integer({ min: 1, max: 40 }) });
const applyStep = fc.record({ op: op.filter((o) => o.kind === 'apply'), wait: fc.integer({ min: 1, max: 40 }) });

/** Applies one operation (to one of the existing Deployments, by index); refusals such as "no rollout history found" are fine. */
function perform(c: Cluster, o: Op): void {
  const existing = c.core.store.list('Deployment').map((d) => d.metadata.name);
  const pick = (i: number) => existing[i % existing.length];
  if ('target' in o && !existing.length) return;
  try {
    switch (o.kind) {
      case 'apply': c.apply([deployment(o.name, o.replicas, o.cpu, o.surge, o.unavailable)]); break;
      case 'scale': c.scale('Deployment', 'default', pick(o.target), o.replicas); break;
      case 'setImage': c.setImage('default', pick(o.target), 'app', o.image); break;
      case 'undo': c.rolloutUndo('default', pick(o.target)); break;
      case 'deletePod': {
        const pods = c.core.store.list('Pod');
        if (pods.length) c.deletePod('default', pods[o.index % pods.length].metadata.name);
        break;
      }
      case 'delete': c.delete('Deployment', 'default', pick(o.target)); break;
      case 'failNode': c.failNode(o.node); break;
      case 'recoverNode': c.recoverNode(o.node); break;
      case 'drain': c.drain(o.node); break;
      case 'uncordon': c.cordon(o.node, false); break;
    }
  } catch {
    // e.g. "no rollout history found", "deployments "a" not found"
  }
}

function checkCapacity(c: Cluster): void {
  const pods = c.core.store.list('Pod').filter((p) => p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  for (const n of c.core.store.list('Node')) {
    const cap = nodeAllocatable(n);
    const mine = pods.filter((p) => p.spec.nodeName === n.metadata.name);
    const cpu = mine.reduce((s, p) => s + podRequests(p).cpu, 0);
    const mem = mine.reduce((s, p) => s + podRequests(p).memory, 0);
    assert.ok(cpu <= cap.cpu && mem <= cap.memory && mine.length <= cap.pods, `node ${n.metadata.name} over capacity at ${c.time}s: ${cpu}m/${cap.cpu}m cpu, ${mem}/${cap.memory} memory, ${mine.length}/${cap.pods} pods`);
  }
}

const specTotal = (c: Cluster, d: any) => c.ownedBy(d, 'ReplicaSet').reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
const availableOf = (c: Cluster, d: any) => c.ownedBy(d, 'ReplicaSet').reduce((n, rs) => n + Math.min(rs.spec.replicas ?? 0, rs.status?.availableReplicas ?? 0), 0);
const allNodesReady = (c: Cluster) => c.core.store.list('Node').every((n) => n.status.conditions.some((x: any) => x.type === 'Ready' && x.status === 'True'));

/** Runs a sequence, checking the invariants every simulated second; returns the event history. */
function run(steps: Array<{ op: Op; wait: number }>, seed: number): string {
  const c = createCluster({ ...defaultClusterProfile(), seed });
  for (const s of steps) {
    // Availability is only the controller's promise when nothing disrupts the pods: no node down, no pod deleted.
    const disruptive = ['deletePod', 'failNode', 'drain', 'delete'].includes(s.op.kind) || !allNodesReady(c);
    perform(c, s.op);
    const floor = new Map<string, number>();
    if (!disruptive) {
      for (const d of c.core.store.list('Deployment')) {
        const { unavailable } = resolveFenceposts(d.spec.strategy.rollingUpdate.maxSurge, d.spec.strategy.rollingUpdate.maxUnavailable, d.spec.replicas);
        const min = d.spec.replicas - unavailable;
        if (availableOf(c, d) >= min) floor.set(d.metadata.name, min);
      }
    }
    for (let t = 0; t < s.wait; t++) {
      const before = new Map(c.core.store.list('Deployment').map((d) => [d.metadata.name, specTotal(c, d)]));
      c.step(1);
      checkCapacity(c);
      assert.deepEqual(c.core.store.orphans().map((o) => `${o.kind}/${o.metadata.name}`), [], 'garbage collection leaves no orphans');
      for (const d of c.core.store.list('Deployment')) {
        const { surge } = resolveFenceposts(d.spec.strategy.rollingUpdate.maxSurge, d.spec.strategy.rollingUpdate.maxUnavailable, d.spec.replicas);
        const total = specTotal(c, d);
        // Never grows beyond replicas + maxSurge (after a scale-down it may sit above it, shrinking).
        if (total > d.spec.replicas + surge) assert.ok(total <= (before.get(d.metadata.name) ?? 0), `${d.metadata.name}: ${total} pods wanted > ${d.spec.replicas} + ${surge} and growing at ${c.time}s`);
        const min = floor.get(d.metadata.name);
        if (min !== undefined) assert.ok(availableOf(c, d) >= min, `${d.metadata.name}: ${availableOf(c, d)} available < ${min} at ${c.time}s`);
      }
    }
  }
  // Heal everything: the Deployments converge to their replicas, all available and up to date.
  for (const n of WORKERS) {
    c.recoverNode(n);
    c.cordon(n, false);
  }
  c.runUntilStable(1200);
  for (const d of c.core.store.list('Deployment')) {
    const pods = c.ownedBy(d, 'ReplicaSet').flatMap((rs) => c.ownedBy(rs, 'Pod'));
    assert.deepEqual([d.status.availableReplicas, d.status.updatedReplicas, pods.length], [d.spec.replicas, d.spec.replicas, d.spec.replicas], `${d.metadata.name} converges`);
  }
  // Deleting everything leaves nothing behind.
  for (const d of c.core.store.list('Deployment')) c.delete('Deployment', 'default', d.metadata.name);
  c.runUntilStable();
  assert.equal(c.core.store.list('ReplicaSet').length + c.core.store.list('Pod').length, 0);
  return JSON.stringify(c.core.events);
}

test('random operation sequences: no node over capacity, rollouts within maxSurge/maxUnavailable, no orphans, convergence, same seed same history (property)', () => {
  fc.assert(
    fc.property(applyStep, fc.array(step, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (start, rest, seed) => {
      // Every sequence starts with a Deployment, so the other operations have something to act on.
      const steps = [start, ...rest];
      const first = run(steps, seed);
      assert.equal(run(steps, seed), first, 'the same seed and operations give the same event history');
    }),
    { numRuns: 60, seed: 20261201 },
  );
});

test('the same seed gives the same history with every controller and the inter-pod plugins at work', () => {
  const web = deployment('web', 2, '100m', 1, 0);
  Object.assign(web.spec.template.spec, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] });
  const manifests = [
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } }, containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '200m', memory: '256Mi' } } }] } } } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } } } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch', namespace: 'default' }, spec: { completions: 4, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'b', image: 'b:1' }] } } } },
    web,
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 8, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } },
  ];
  const history = (seed: number) => {
    const c = createCluster({ ...defaultClusterProfile(), seed });
    c.apply(manifests);
    c.runUntilStable();
    c.setLoad('Deployment', 'default', 'web', '400m');
    c.failNode('worker-2');
    c.step(400);
    c.addNode({ name: 'worker-4', cpu: '4', memory: '8Gi' });
    c.runUntilStable();
    return JSON.stringify([c.core.events, c.core.store.list('Pod').map((p) => [p.metadata.name, p.spec.nodeName, p.status.phase])]);
  };
  const a = history(5);
  assert.equal(history(5), a);
  assert.notEqual(history(6), a, 'another seed gives other names');
});
