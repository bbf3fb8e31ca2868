import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCluster, defaultClusterProfile, matchIngress, numFeasibleNodesToFind, podTemplateHash } from '../../../server/src/cluster/index';
import { resolveFenceposts } from '../../../server/src/k8s/index';

const deployment = (name: string, replicas: number, image = 'app:1', extra: Record<string, unknown> = {}, requests = { cpu: '100m', memory: '64Mi' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, resources: { requests } }] } },
    ...extra,
  },
});

const pods = (c: ReturnType<typeof createCluster>, name?: string) =>
  c.core.store.list('Pod').filter((p) => !name || p.metadata.name.startsWith(name + '-'));

test('a Deployment converges: ReplicaSet named by pod-template-hash, pods spread over workers, events in Kubernetes wording', () => {
  const c = createCluster();
  c.apply([deployment('web', 3)]);
  assert.equal(c.runUntilStable(), true);
  const d = c.core.store.get('Deployment', 'default', 'web')!;
  assert.deepEqual([d.status.replicas, d.status.readyReplicas, d.status.availableReplicas, d.status.updatedReplicas], [3, 3, 3, 3]);
  const rs = c.core.store.list('ReplicaSet')[0];
  const hash = rs.metadata.labels!['pod-template-hash'];
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  assert.ok(pods(c).every((p) => p.spec.nodeName !== 'control-plane'), 'the control plane is tainted');
  const messages = c.core.events.map((e) => `${e.reason}: ${e.message}`);
  assert.ok(messages.includes(`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`));
  assert.ok(messages.some((m) => /^Scheduled: Successfully assigned default\/web-.+ to worker-\d$/.test(m)));
  assert.equal(podTemplateHash({ a: 1 }), podTemplateHash({ a: 1 }));
});

test('pods that fit nowhere stay Pending with the FailedScheduling message Kubernetes writes', () => {
  const c = createCluster();
  c.apply([deployment('big', 1, 'big:1', {}, { cpu: '6', memory: '1Gi' })]);
  c.runUntilStable();
  const p = pods(c, 'big')[0];
  assert.equal(p.status.phase, 'Pending');
  const msg = p.status.conditions[0].message;
  assert.equal(msg, '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
  const small = createCluster();
  small.apply([deployment('mid', 1, 'mid:1', {}, { cpu: '3', memory: '7Gi' }), deployment('mid2', 3, 'mid:1', {}, { cpu: '3', memory: '1Gi' })]);
  small.runUntilStable();
  const pending = pods(small).find((x) => !x.spec.nodeName)!;
  assert.equal(pending.status.conditions[0].message, '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
  assert.ok(small.core.events.some((e) => e.reason === 'FailedScheduling' && e.type === 'Warning'));
  const why = small.explain('default', pending.metadata.name);
  assert.deepEqual(why.verdicts.map((v) => [v.node, v.failed?.plugin]), [['control-plane', 'TaintToleration'], ['worker-1', 'NodeResourcesFit'], ['worker-2', 'NodeResourcesFit'], ['worker-3', 'NodeResourcesFit']]);
});

test('the same seed gives the same history; another seed may not', () => {
  const run = (seed: number) => {
    const c = createCluster({ ...defaultClusterProfile(), seed });
    c.apply([deployment('a', 4), deployment('b', 2)]);
    c.runUntilStable();
    c.setImage('default', 'a', 'a', 'app:2');
    c.runUntilStable();
    return JSON.stringify(c.snapshot().events) + JSON.stringify(c.core.store.list('Pod').map((p) => [p.metadata.name, p.spec.nodeName]));
  };
  assert.equal(run(7), run(7));
  assert.notEqual(run(7), run(8));
});

test('rolling updates stay within maxSurge and maxUnavailable at every second (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.constantFrom<number | string>(0, 1, 2, '25%', '50%'), fc.constantFrom<number | string>(0, 1, '25%', '50%'), (replicas, maxSurge, maxUnavailable) => {
      const { surge, unavailable } = resolveFenceposts(maxSurge, maxUnavailable, replicas);
      const c = createCluster();
      c.apply([deployment('r', replicas, 'app:1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } })]);
      c.runUntilStable();
      c.setImage('default', 'r', 'r', 'app:2');
      for (let t = 0; t < 120; t++) {
        c.step(1);
        const rsList = c.core.store.list('ReplicaSet');
        const specTotal = rsList.reduce((n, rs) => n + rs.spec.replicas, 0);
        const available = rsList.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
        assert.ok(specTotal <= replicas + surge, `${specTotal} pods wanted > ${replicas} + ${surge}`);
        assert.ok(available >= replicas - unavailable, `${available} available < ${replicas} - ${unavailable}`);
      }
      const d = c.core.store.get('Deployment', 'default', 'r')!;
      assert.equal(d.status.updatedReplicas, replicas);
      assert.equal(d.status.availableReplicas, replicas);
    }),
    { numRuns: 25, seed: 4242 },
  );
});

test("undo makes the previous template a new revision; a failed node's pods move after the eviction timeout", () => {
  const c = createCluster();
  c.apply([deployment('web', 3)]);
  c.runUntilStable();
  c.setImage('default', 'web', 'web', 'app:2');
  c.runUntilStable();
  c.rolloutUndo('default', 'web');
  c.runUntilStable();
  const history = c.rolloutHistory('default', 'web');
  assert.deepEqual(history.map((h) => [h.revision, h.image]), [[2, 'app:2'], [3, 'app:1']]);
  const victim = pods(c, 'web')[0].spec.nodeName;
  const onVictim = pods(c, 'web').filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
  c.failNode(victim);
  c.step(1);
  const stranded = pods(c, 'web').filter((p) => p.spec.nodeName === victim);
  assert.ok(stranded.every((p) => p.status.conditions.find((x: any) => x.type === 'Ready').status === 'False'), 'pods of a node that stopped reporting are marked not ready');
  c.step(298);
  assert.ok(pods(c, 'web').some((p) => p.spec.nodeName === victim && !p.metadata.deletionTimestamp), 'pods stay until the toleration runs out');
  c.step(30);
  c.runUntilStable();
  const active = pods(c, 'web').filter((p) => !p.metadata.deletionTimestamp);
  assert.equal(active.length, 3);
  assert.ok(active.every((p) => p.spec.nodeName !== victim && p.status.phase === 'Running'));
  // The evicted pods stay Terminating while their node is unreachable; the kubelet finishes them when it returns.
  assert.deepEqual(pods(c, 'web').filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name), onVictim);
  c.recoverNode(victim);
  c.runUntilStable();
  assert.equal(pods(c, 'web').length, 3);
});

test('crashing containers back off into CrashLoopBackOff; images that fail to pull into ImagePullBackOff', () => {
  const c = createCluster({ ...defaultClusterProfile(), crashImages: ['crash:1'], failImages: ['missing:1'] });
  c.apply([deployment('crash', 1, 'crash:1'), deployment('pull', 1, 'missing:1')]);
  c.step(200);
  const crash = pods(c, 'crash')[0];
  assert.equal(crash.status.containerStatuses[0].state.waiting?.reason ?? 'Running', crash.status.containerStatuses[0].state.waiting ? 'CrashLoopBackOff' : 'Running');
  assert.ok(crash.status.containerStatuses[0].restartCount >= 3);
  assert.ok(c.core.events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off restarting failed container' && e.count > 1));
  const pull = pods(c, 'pull')[0];
  assert.equal(pull.status.containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
});

test('Services get ClusterIPs and endpoints of ready pods; Ingress routing follows path-element Prefix and Exact rules', () => {
  const c = createCluster();
  c.apply([
    deployment('web', 2),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'default' }, spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/app', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
  ]);
  c.runUntilStable();
  const svc = c.core.store.get('Service', 'default', 'web')!;
  assert.match(svc.spec.clusterIP, /^10\.(9[6-9]|1[01][0-9])\.\d+\.\d+$/);
  const ep = c.core.store.get('Endpoints', 'default', 'web') as any;
  assert.equal(ep.subsets[0].addresses.length, 2);
  const slice = c.core.store.get('EndpointSlice', 'default', 'web-slice')!;
  assert.equal(slice.metadata.labels!['kubernetes.io/service-name'], 'web');
  const first = c.request('shop.example.com', '/app/x');
  const second = c.request('shop.example.com', '/app/x');
  assert.ok(first.ok && second.ok);
  assert.notEqual(first.hops[3], second.hops[3], 'round-robin over endpoints');
  assert.equal(c.request('shop.example.com', '/application').ok, false);
  assert.equal(c.request('a.b.example.com', '/app').ok, false, 'a wildcard matches one label');
  const rules = [{ http: { paths: [{ path: '/foo', pathType: 'Prefix', backend: 'p' }, { path: '/foo', pathType: 'Exact', backend: 'e' }, { path: '/foo/bar', pathType: 'Prefix', backend: 'long' }] } }];
  assert.equal(matchIngress(rules, 'x', '/foo').backend, 'e');
  assert.equal(matchIngress(rules, 'x', '/foo/bar/baz').backend, 'long');
  assert.equal(matchIngress(rules, 'x', '/foobar'), null);
});

test('objects in a missing namespace are rejected with the API server message; deletes cascade', () => {
  const c = createCluster();
  const [r] = c.apply([{ ...deployment('x', 1), metadata: { name: 'x', namespace: 'nope' } }]);
  assert.equal(r.action, 'rejected');
  assert.match(r.message, /namespaces "nope" not found/);
  c.apply([deployment('y', 2)]);
  c.runUntilStable();
  c.delete('Deployment', 'default', 'y');
  c.runUntilStable();
  assert.equal(c.core.store.list('ReplicaSet').length, 0);
  assert.equal(c.core.store.list('Pod').length, 0);
});

test('numFeasibleNodesToFind follows the adaptive percentage', () => {
  assert.equal(numFeasibleNodesToFind(0, 50), 50);
  assert.equal(numFeasibleNodesToFind(0, 1000), 420);
  assert.equal(numFeasibleNodesToFind(0, 5000), 500);
  assert.equal(numFeasibleNodesToFind(0, 200), 100);
  assert.equal(numFeasibleNodesToFind(30, 1000), 300);
});
