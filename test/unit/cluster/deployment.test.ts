import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster, defaultClusterProfile } from '../../../server/src/cluster/index';

const deployment = (replicas: number, image = 'app:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
  },
});

test('scaling mid-rollout spreads the change over the ReplicaSets in proportion (the Kubernetes docs example: 8 + 5 → 11 + 7)', () => {
  const c = createCluster({ ...defaultClusterProfile(), failImages: ['app:broken'] });
  c.apply([deployment(10)]);
  c.runUntilStable();
  // An image that never pulls: the rollout stops at 8 old + 5 new (10 + maxSurge 3, at most 2 unavailable).
  c.setImage('default', 'web', 'app', 'app:broken');
  c.step(60);
  const size = () => c.core.store.list('ReplicaSet').map((rs) => [rs.spec.template.spec.containers[0].image, rs.spec.replicas]).sort();
  assert.deepEqual(size(), [['app:1', 8], ['app:broken', 5]]);
  c.scale('Deployment', 'default', 'web', 15);
  c.step(5);
  // 15 + 3 − 13 = 5 more: the old ReplicaSet gets round(8 × 18 / 13) − 8 = 3, the new one round(5 × 18 / 13) − 5 = 2.
  assert.deepEqual(size(), [['app:1', 11], ['app:broken', 7]]);
  for (const rs of c.core.store.list('ReplicaSet')) {
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '15');
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '18');
  }
  // Scaling down mid-rollout takes from both as well, larger first.
  c.scale('Deployment', 'default', 'web', 5);
  c.step(5);
  const [[, old], [, broken]] = size() as Array<[string, number]>;
  assert.ok(old + broken <= 5 + 3, `${old} + ${broken}`);
  assert.ok(old >= 3 && broken >= 1, `${old} old, ${broken} new`);
});

test('with one active ReplicaSet a scale goes straight to it; a Deployment scaled to 0 and back keeps its ReplicaSet', () => {
  const c = createCluster();
  c.apply([deployment(4)]);
  c.runUntilStable();
  const rsName = c.core.store.list('ReplicaSet')[0].metadata.name;
  c.scale('Deployment', 'default', 'web', 0);
  c.runUntilStable();
  assert.equal(c.core.store.list('Pod').length, 0);
  c.scale('Deployment', 'default', 'web', 2);
  c.runUntilStable();
  assert.deepEqual(c.core.store.list('ReplicaSet').map((rs) => [rs.metadata.name, rs.spec.replicas]), [[rsName, 2]]);
  const msgs = c.core.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
  assert.deepEqual(msgs, [`Scaled up replica set ${rsName} from 0 to 4`, `Scaled down replica set ${rsName} from 4 to 0`, `Scaled up replica set ${rsName} from 0 to 2`]);
});
