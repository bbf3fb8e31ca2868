import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster } from '../../../server/src/cluster/index';

const sts = (name: string, replicas: number, extra: Record<string, unknown> = {}, image = 'db:1', readinessDelay = 0) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'db', image, resources: { requests: { cpu: '100m', memory: '64Mi' } }, ...(readinessDelay ? { readinessProbe: { initialDelaySeconds: readinessDelay, tcpSocket: { port: 5432 } } } : {}) }] },
    },
    ...extra,
  },
});

const podsOf = (c: ReturnType<typeof createCluster>, name: string) => c.core.store.list('Pod').filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === 'StatefulSet' && r.name === name));

test('OrderedReady: pod N+1 is created only after pod N is Running and Ready; names are <set>-<ordinal>', () => {
  const c = createCluster();
  c.apply([sts('web', 3, {}, 'db:1', 10)]);
  // Watch every second: no pod may exist while a lower ordinal is not yet Running and Ready.
  const createdAt = new Map<string, number>();
  for (let t = 0; t < 120; t++) {
    c.step(1);
    const pods = podsOf(c, 'web');
    for (const p of pods) if (!createdAt.has(p.metadata.name)) createdAt.set(p.metadata.name, c.time);
    for (const p of pods) {
      const i = Number(p.metadata.name.split('-').pop());
      for (let j = 0; j < i; j++) {
        const prev = c.core.store.get('Pod', 'default', `web-${j}`);
        assert.ok(prev && prev.status.phase === 'Running' && prev.status.conditions.some((x: any) => x.type === 'Ready' && x.status === 'True'), `web-${i} exists while web-${j} is not Running and Ready at ${c.time}s`);
      }
    }
  }
  assert.deepEqual([...createdAt.keys()].sort(), ['web-0', 'web-1', 'web-2']);
  // The readiness delay of 10 s separates the creations.
  assert.ok(createdAt.get('web-1')! - createdAt.get('web-0')! >= 10);
  assert.ok(createdAt.get('web-2')! - createdAt.get('web-1')! >= 10);
  const set = c.core.store.get('StatefulSet', 'default', 'web')!;
  assert.deepEqual([set.status.replicas, set.status.readyReplicas, set.status.currentReplicas, set.status.updatedReplicas], [3, 3, 3, 3]);
  const creates = c.core.events.filter((e) => e.involvedObject.kind === 'StatefulSet' && e.reason === 'SuccessfulCreate').map((e) => e.message);
  assert.deepEqual(creates, ['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful']);
  const p0 = c.core.store.get('Pod', 'default', 'web-0')!;
  assert.equal(p0.spec.hostname, 'web-0');
  assert.equal(p0.spec.subdomain, 'web');
  assert.equal(p0.metadata.labels!['statefulset.kubernetes.io/pod-name'], 'web-0');
  assert.equal(p0.metadata.labels!['apps.kubernetes.io/pod-index'], '0');
});

test('scale down removes the highest ordinal first, one at a time; Parallel creates all at once', () => {
  const c = createCluster();
  c.apply([sts('db', 4)]);
  c.runUntilStable();
  assert.equal(podsOf(c, 'db').length, 4);
  c.scale('StatefulSet', 'default', 'db', 1);
  c.runUntilStable();
  assert.deepEqual(podsOf(c, 'db').map((p) => p.metadata.name), ['db-0']);
  const deletes = c.core.events.filter((e) => e.reason === 'SuccessfulDelete' && e.involvedObject.name === 'db').map((e) => e.message);
  assert.deepEqual(deletes, ['delete Pod db-3 in StatefulSet db successful', 'delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);

  const p = createCluster();
  p.apply([sts('q', 3, { podManagementPolicy: 'Parallel' }, 'db:1', 10)]);
  p.step(1);
  assert.deepEqual(podsOf(p, 'q').map((x) => x.metadata.name), ['q-0', 'q-1', 'q-2'], 'Parallel does not wait for readiness');
});

test('a deleted pod comes back with the same name; a rolling update replaces pods from the highest ordinal down', () => {
  const c = createCluster();
  c.apply([sts('web', 3)]);
  c.runUntilStable();
  const oldUid = c.core.store.get('Pod', 'default', 'web-1')!.metadata.uid;
  c.deletePod('default', 'web-1');
  c.runUntilStable();
  const back = c.core.store.get('Pod', 'default', 'web-1')!;
  assert.notEqual(back.metadata.uid, oldUid);
  assert.equal(back.status.phase, 'Running');

  c.setImage('default', 'web', 'db', 'db:2', 'StatefulSet');
  const order: string[] = [];
  for (let t = 0; t < 200; t++) {
    c.step(1);
    for (const p of podsOf(c, 'web')) if (p.spec.containers[0].image === 'db:2' && !order.includes(p.metadata.name)) order.push(p.metadata.name);
    // Never more than one pod down during the update.
    const ready = podsOf(c, 'web').filter((p) => p.status.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length;
    assert.ok(ready >= 2, `${ready} ready at ${c.time}s`);
  }
  assert.deepEqual(order, ['web-2', 'web-1', 'web-0']);
  const set = c.core.store.get('StatefulSet', 'default', 'web')!;
  assert.equal(set.status.currentRevision, set.status.updateRevision);
  assert.equal(set.status.updatedReplicas, 3);
  assert.equal(c.core.store.list('ControllerRevision').length, 2);
});

test('partition keeps lower ordinals on the old revision; volumeClaimTemplates give each pod its claim, kept on scale-down', () => {
  const c = createCluster();
  c.apply([sts('pg', 3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })]);
  c.runUntilStable();
  assert.deepEqual(c.core.store.list('PersistentVolumeClaim').map((x) => x.metadata.name), ['data-pg-0', 'data-pg-1', 'data-pg-2']);
  assert.ok(c.core.events.some((e) => e.message === 'create Claim data-pg-0 Pod pg-0 in StatefulSet pg success'));
  c.setImage('default', 'pg', 'db', 'db:2', 'StatefulSet');
  c.runUntilStable();
  const images = podsOf(c, 'pg').map((p) => `${p.metadata.name}=${p.spec.containers[0].image}`);
  assert.deepEqual(images, ['pg-0=db:1', 'pg-1=db:1', 'pg-2=db:2']);
  const set = c.core.store.get('StatefulSet', 'default', 'pg')!;
  assert.deepEqual([set.status.currentReplicas, set.status.updatedReplicas], [2, 1]);
  c.scale('StatefulSet', 'default', 'pg', 1);
  c.runUntilStable();
  assert.equal(podsOf(c, 'pg').length, 1);
  assert.equal(c.core.store.list('PersistentVolumeClaim').length, 3, 'claims are retained');
});

test('a StatefulSet pod on a lost node is not replaced while it is Terminating; removing the node frees its name', () => {
  const c = createCluster();
  c.apply([sts('db', 3), {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
  }]);
  c.runUntilStable();
  const db1 = c.core.store.get('Pod', 'default', 'db-1')!;
  const node = db1.spec.nodeName;
  c.failNode(node);
  c.step(330);
  c.runUntilStable();
  const stuck = c.core.store.get('Pod', 'default', 'db-1')!;
  assert.equal(stuck.metadata.uid, db1.metadata.uid, 'no second db-1 while the first may still run');
  assert.ok(stuck.metadata.deletionTimestamp);
  assert.equal(c.core.store.get('StatefulSet', 'default', 'db')!.status.readyReplicas, 2);
  // The Deployment's pods from that node were replaced right away.
  const web = c.core.store.list('Pod').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
  assert.equal(web.length, 3);
  assert.ok(web.every((p) => p.spec.nodeName !== node));
  c.removeNode(node);
  c.runUntilStable();
  const back = c.core.store.get('Pod', 'default', 'db-1')!;
  assert.notEqual(back.metadata.uid, db1.metadata.uid);
  assert.notEqual(back.spec.nodeName, node);
  assert.equal(c.core.store.get('StatefulSet', 'default', 'db')!.status.readyReplicas, 3);
});

test('persistentVolumeClaimRetentionPolicy Delete: claims go with pods scaled away and with the set', () => {
  const c = createCluster();
  c.apply([sts('kv', 3, { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Delete' }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })]);
  c.runUntilStable();
  c.scale('StatefulSet', 'default', 'kv', 1);
  c.runUntilStable();
  assert.deepEqual(c.core.store.list('PersistentVolumeClaim').map((x) => x.metadata.name), ['data-kv-0']);
  c.delete('StatefulSet', 'default', 'kv');
  c.runUntilStable();
  assert.equal(c.core.store.list('PersistentVolumeClaim').length, 0);
  assert.equal(c.core.store.list('Pod').length, 0);
  // The default (Retain/Retain) keeps them.
  const r = createCluster();
  r.apply([sts('kv', 2, { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })]);
  r.runUntilStable();
  assert.deepEqual(r.core.store.get('StatefulSet', 'default', 'kv')!.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  r.delete('StatefulSet', 'default', 'kv');
  r.runUntilStable();
  assert.equal(r.core.store.list('PersistentVolumeClaim').length, 2);
});
