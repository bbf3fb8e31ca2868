import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster, defaultClusterProfile } from '../../../server/src/cluster/index';

const job = (name: string, spec: Record<string, unknown>, opts: { image?: string; restartPolicy?: string; annotations?: Record<string, string> } = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: {
    template: {
      metadata: { annotations: opts.annotations ?? {} },
      spec: { restartPolicy: opts.restartPolicy ?? 'Never', containers: [{ name: 'task', image: opts.image ?? 'task:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
    },
    ...spec,
  },
});

type Cluster = ReturnType<typeof createCluster>;
const jobPods = (c: Cluster, name: string) => c.core.store.list('Pod').filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name);
const condition = (c: Cluster, name: string, type: string) => c.core.store.get('Job', 'default', name)!.status.conditions?.find((x: any) => x.type === type);

test('completions with parallelism: never more than `parallelism` pods at once, Complete with CompletionsReached', () => {
  const c = createCluster();
  c.apply([job('batch', { completions: 5, parallelism: 2 }, { annotations: { 'drydock.dev/run-seconds': '8' } })]);
  let maxActive = 0;
  for (let t = 0; t < 120; t++) {
    c.step(1);
    const active = jobPods(c, 'batch').filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed').length;
    maxActive = Math.max(maxActive, active);
    assert.ok(active <= 2, `${active} active at ${c.time}s`);
  }
  assert.equal(maxActive, 2);
  const j = c.core.store.get('Job', 'default', 'batch')!;
  assert.deepEqual([j.status.succeeded, j.status.failed, j.status.active], [5, 0, 0]);
  assert.equal(jobPods(c, 'batch').length, 5);
  assert.ok(jobPods(c, 'batch').every((p) => p.status.phase === 'Succeeded' && p.status.containerStatuses[0].state.terminated.reason === 'Completed'));
  const complete = condition(c, 'batch', 'Complete');
  assert.deepEqual([complete.status, complete.reason, complete.message], ['True', 'CompletionsReached', 'Reached expected number of succeeded pods']);
  assert.equal(condition(c, 'batch', 'SuccessCriteriaMet').status, 'True');
  assert.ok(j.status.completionTime);
  const events = c.core.events.filter((e) => e.involvedObject.kind === 'Job').map((e) => `${e.reason}: ${e.message}`);
  assert.equal(events.filter((e) => /^SuccessfulCreate: Created pod: batch-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(e)).length, 5);
  assert.equal(events.at(-1), 'Completed: Job completed');
});

test('failing pods count against backoffLimit: after backoffLimit + 1 failures the Job fails with BackoffLimitExceeded, with growing back-off', () => {
  const c = createCluster({ ...defaultClusterProfile(), crashImages: ['broken:1'] });
  c.apply([job('migrate', { backoffLimit: 2 }, { image: 'broken:1' })]);
  const done = c.runUntilStable(900);
  assert.equal(done, true);
  const j = c.core.store.get('Job', 'default', 'migrate')!;
  assert.equal(j.status.failed, 3);
  assert.equal(j.status.succeeded ?? 0, 0);
  const failed = condition(c, 'migrate', 'Failed');
  assert.deepEqual([failed.status, failed.reason, failed.message], ['True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
  assert.equal(condition(c, 'migrate', 'FailureTarget').reason, 'BackoffLimitExceeded');
  const pods = jobPods(c, 'migrate');
  assert.equal(pods.length, 3);
  assert.ok(pods.every((p) => p.status.phase === 'Failed' && p.status.containerStatuses[0].state.terminated.exitCode === 1));
  assert.ok(c.core.events.some((e) => e.type === 'Warning' && e.reason === 'BackoffLimitExceeded' && e.message === 'Job has reached the specified backoff limit'));
  // Replacement pods wait 10 s, then 20 s after the previous failure.
  const created = c.core.events.filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.name === 'migrate').map((e) => e.time);
  assert.equal(created.length, 3);
  assert.ok(created[2] - created[1] > created[1] - created[0], `back-off grows: ${created.join(', ')}`);
});

test('restartPolicy OnFailure counts container restarts; exit codes come from drydock.dev/exit-code; a deleted running pod counts as failed', () => {
  const c = createCluster();
  c.apply([job('retry', { backoffLimit: 2 }, { restartPolicy: 'OnFailure', annotations: { 'drydock.dev/exit-code': '3', 'drydock.dev/run-seconds': '2' } })]);
  c.runUntilStable(900);
  const failed = condition(c, 'retry', 'Failed');
  assert.equal(failed?.reason, 'BackoffLimitExceeded');
  assert.equal(jobPods(c, 'retry').length, 0, 'the restarting pod is deleted when the Job fails');

  const d = createCluster();
  d.apply([job('long', { backoffLimit: 1 }, { annotations: { 'drydock.dev/run-seconds': '60' } })]);
  d.step(10);
  const first = jobPods(d, 'long')[0];
  d.deletePod('default', first.metadata.name);
  d.step(30);
  const j = d.core.store.get('Job', 'default', 'long')!;
  assert.equal(j.status.failed, 1);
  assert.equal(j.status.active, 1, 'a replacement runs');
  d.runUntilStable();
  assert.equal(condition(d, 'long', 'Complete')?.status, 'True');
});

test('work queue (parallelism without completions), Indexed completion, activeDeadlineSeconds and ttlSecondsAfterFinished', () => {
  const c = createCluster();
  c.apply([
    job('queue', { parallelism: 3 }),
    job('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }),
    job('slow', { activeDeadlineSeconds: 20 }, { annotations: { 'drydock.dev/run-seconds': '100' } }),
    job('short', { ttlSecondsAfterFinished: 30 }),
  ]);
  c.step(15);
  assert.equal(c.core.store.get('Job', 'default', 'queue')!.spec.completions, undefined);
  c.runUntilStable();
  const q = c.core.store.get('Job', 'default', 'queue')!;
  assert.deepEqual([q.status.succeeded, condition(c, 'queue', 'Complete')?.status], [3, 'True']);
  const idx = c.core.store.get('Job', 'default', 'indexed')!;
  assert.equal(idx.status.completedIndexes, '0-2');
  assert.deepEqual(jobPods(c, 'indexed').map((p) => p.metadata.annotations!['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
  assert.ok(jobPods(c, 'indexed').every((p) => p.metadata.name.startsWith(`indexed-${p.metadata.annotations!['batch.kubernetes.io/job-completion-index']}-`)));
  const slow = condition(c, 'slow', 'Failed');
  assert.deepEqual([slow?.reason, slow?.message], ['DeadlineExceeded', 'Job was active longer than specified deadline']);
  assert.equal(c.core.store.get('Job', 'default', 'short'), undefined, 'deleted 30 s after it finished');
  assert.equal(jobPods(c, 'short').length, 0);
});

test('a Job pod evicted from a lost node counts as failed and is replaced', () => {
  const c = createCluster();
  c.apply([job('long', { backoffLimit: 3 }, { annotations: { 'drydock.dev/run-seconds': '600' } })]);
  c.step(10);
  const first = jobPods(c, 'long')[0];
  c.failNode(first.spec.nodeName);
  c.step(320);
  const j = c.core.store.get('Job', 'default', 'long')!;
  assert.equal(j.status.failed, 1);
  const active = jobPods(c, 'long').filter((p) => !p.metadata.deletionTimestamp);
  assert.equal(active.length, 1);
  assert.notEqual(active[0].spec.nodeName, first.spec.nodeName);
});

test('deleting a Job removes its pods and the controller bookkeeping', () => {
  const c = createCluster();
  c.apply([job('once', { completions: 2 })]);
  c.runUntilStable();
  const uid = c.core.store.get('Job', 'default', 'once')!.metadata.uid;
  assert.ok(c.core.memo.has(`job/${uid}`));
  c.delete('Job', 'default', 'once');
  c.step(1);
  assert.equal(jobPods(c, 'once').length, 0);
  assert.equal(c.core.memo.has(`job/${uid}`), false);
});
