import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster, defaultClusterProfile } from '../../../server/src/cluster/index';

const ds = (name: string, podSpec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name, namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1`, resources: { requests: { cpu: '50m', memory: '32Mi' } } }], ...podSpec } },
    ...extra,
  },
});

type Cluster = ReturnType<typeof createCluster>;
const placement = (c: Cluster, name: string) => c.core.store.list('Pod').filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet' && r.name === name)).map((p) => p.spec.nodeName).sort();

test('one pod per eligible node: the tainted control plane only with a toleration; nodeSelector narrows', () => {
  const c = createCluster({ ...defaultClusterProfile(), nodes: [...defaultClusterProfile().nodes.map((n) => (n.name === 'worker-3' ? { ...n, labels: { disk: 'ssd' } } : n))] });
  c.apply([
    ds('agent'),
    ds('logs', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
    ds('ssd', { nodeSelector: { disk: 'ssd' } }),
  ]);
  c.runUntilStable();
  assert.deepEqual(placement(c, 'agent'), ['worker-1', 'worker-2', 'worker-3']);
  assert.deepEqual(placement(c, 'logs'), ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  assert.deepEqual(placement(c, 'ssd'), ['worker-3']);
  const agent = c.core.store.get('DaemonSet', 'default', 'agent')!;
  assert.deepEqual([agent.status.desiredNumberScheduled, agent.status.currentNumberScheduled, agent.status.numberReady, agent.status.numberAvailable], [3, 3, 3, 3]);
  const pod = c.core.store.list('Pod').find((p) => p.metadata.name.startsWith('agent-'))!;
  const keys = pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`);
  for (const k of ['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unschedulable:NoSchedule', 'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule']) assert.ok(keys.includes(k), k);
  assert.equal(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0], pod.spec.nodeName);
  assert.ok(c.core.events.some((e) => e.involvedObject.kind === 'DaemonSet' && e.reason === 'SuccessfulCreate' && /^Created pod: agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(e.message)));
});

test('pods follow nodes: a joining node gets one, a removed node loses its pod, a failed node keeps it (tolerated), drain skips it', () => {
  const c = createCluster();
  c.apply([ds('agent'), {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
  }]);
  c.runUntilStable();
  c.addNode({ name: 'worker-4', cpu: '4', memory: '8Gi' });
  c.runUntilStable();
  assert.deepEqual(placement(c, 'agent'), ['worker-1', 'worker-2', 'worker-3', 'worker-4']);
  assert.equal(c.core.store.get('DaemonSet', 'default', 'agent')!.status.desiredNumberScheduled, 4);

  c.removeNode('worker-2');
  c.runUntilStable();
  assert.deepEqual(placement(c, 'agent'), ['worker-1', 'worker-3', 'worker-4']);
  assert.equal(c.core.store.list('Pod').filter((p) => p.spec.nodeName === 'worker-2').length, 0, 'pod GC removes pods of a deleted node');

  c.failNode('worker-3');
  c.step(400); // past the 300 s eviction of ordinary pods
  c.runUntilStable();
  assert.deepEqual(placement(c, 'agent'), ['worker-1', 'worker-3', 'worker-4'], 'the daemon pod tolerates unreachable:NoExecute');
  const web = c.core.store.list('Pod').filter((p) => p.metadata.name.startsWith('web-'));
  assert.ok(web.filter((p) => !p.metadata.deletionTimestamp).every((p) => p.spec.nodeName !== 'worker-3'), 'ordinary pods were replaced elsewhere');
  assert.ok(web.filter((p) => p.spec.nodeName === 'worker-3').every((p) => p.metadata.deletionTimestamp), 'and are Terminating on the lost node');
  const status = c.core.store.get('DaemonSet', 'default', 'agent')!.status;
  assert.equal(status.desiredNumberScheduled, 2, 'a NotReady (unreachable:NoSchedule) node is not a place for a new daemon pod');

  c.recoverNode('worker-3');
  c.drain('worker-4');
  c.runUntilStable();
  assert.deepEqual(placement(c, 'agent'), ['worker-1', 'worker-3', 'worker-4'], 'drain leaves daemon pods; cordoned nodes still run them');
});

test('a node that stops matching loses its pod; a template change rolls one node at a time (maxUnavailable 1)', () => {
  const c = createCluster({ ...defaultClusterProfile(), nodes: defaultClusterProfile().nodes.map((n) => ({ ...n, labels: { ...(n.labels ?? {}), role: 'edge' } })) });
  c.apply([ds('edge', { nodeSelector: { role: 'edge' } })]);
  c.runUntilStable();
  assert.deepEqual(placement(c, 'edge'), ['worker-1', 'worker-2', 'worker-3']);
  const n = c.core.store.get('Node', undefined, 'worker-1')!;
  n.metadata.labels = { ...n.metadata.labels, role: 'core' };
  c.core.store.update(n);
  c.runUntilStable();
  assert.deepEqual(placement(c, 'edge'), ['worker-2', 'worker-3']);

  c.setImage('default', 'edge', 'edge', 'edge:2', 'DaemonSet');
  for (let t = 0; t < 60; t++) {
    c.step(1);
    const d = c.core.store.get('DaemonSet', 'default', 'edge')!;
    assert.ok(d.status.numberUnavailable <= 1, `${d.status.numberUnavailable} unavailable at ${c.time}s`);
  }
  const pods = c.core.store.list('Pod').filter((p) => p.metadata.name.startsWith('edge-'));
  assert.deepEqual(pods.map((p) => p.spec.containers[0].image), ['edge:2', 'edge:2']);
  assert.equal(c.core.store.get('DaemonSet', 'default', 'edge')!.status.updatedNumberScheduled, 2);
});
