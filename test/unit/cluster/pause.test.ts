import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster } from '../../../server/src/cluster/index';

const deployment = (name: string, replicas: number, image = 'app:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
});

test('a paused Deployment does not roll out template changes but still scales; resume rolls the latest template once', () => {
  const c = createCluster();
  c.apply([deployment('web', 2)]);
  c.runUntilStable();
  assert.equal(c.pause('default', 'web'), 'deployment.apps/web paused');
  assert.throws(() => c.pause('default', 'web'), /deployments\.apps "web" is already paused/);
  c.setImage('default', 'web', 'app', 'app:2');
  c.setImage('default', 'web', 'app', 'app:3');
  c.scale('Deployment', 'default', 'web', 4);
  c.runUntilStable();
  const rs = c.core.store.list('ReplicaSet');
  assert.equal(rs.length, 1, 'no new ReplicaSet while paused');
  assert.equal(rs[0].spec.replicas, 4, 'scaling still applies');
  assert.ok(c.core.store.list('Pod').every((p) => p.spec.containers[0].image === 'app:1'));
  const d = c.core.store.get('Deployment', 'default', 'web')!;
  const progressing = d.status.conditions.find((x: any) => x.type === 'Progressing');
  assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  assert.throws(() => c.rolloutUndo('default', 'web'), /you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again/);
  // Paused for longer than the progress deadline: no ProgressDeadlineExceeded.
  c.step(700);
  assert.ok(!c.core.events.some((e) => e.reason === 'ProgressDeadlineExceeded'));

  assert.equal(c.resume('default', 'web'), 'deployment.apps/web resumed');
  c.runUntilStable();
  const after = c.rolloutHistory('default', 'web');
  assert.deepEqual(after.map((h) => [h.revision, h.image]), [[1, 'app:1'], [2, 'app:3']], 'one rollout, straight to the last template');
  const done = c.core.store.get('Deployment', 'default', 'web')!;
  assert.deepEqual([done.status.updatedReplicas, done.status.availableReplicas], [4, 4]);
  assert.equal(done.status.conditions.find((x: any) => x.type === 'Progressing').reason, 'NewReplicaSetAvailable');
});
