// The simulator requests the Cluster view's commands use: scenarios, undo to a chosen revision,
// bounded runs (the client's cancellable Run Until Stable) and the drydock.scheduler.scoring setting.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';
import type { ClusterView, SimulateResult, SimulateScenarioResult } from '../../server/src/protocol';

const EXAMPLES = path.join(ROOT, 'examples');

test('drydock/simulate/scenario runs a scenario file on a fresh cluster and returns its expectations and the view', async () => {
  const s = await startServer({ rootPath: EXAMPLES });
  const views: ClusterView[] = [];
  s.connection.onNotification('drydock/cluster/changed', (v: ClusterView) => { views.push(v); });
  try {
    // Something applied before is gone: a scenario starts from an empty cluster.
    await s.request<SimulateResult>('drydock/simulate/apply', { uris: [fileUri(path.join(EXAMPLES, 'shop', 'k8s', 'namespace.yaml'))] });
    const r = await s.request<SimulateScenarioResult>('drydock/simulate/scenario', { uri: fileUri(path.join(EXAMPLES, 'shop', 'scenarios', 'rollout.yaml')) });
    // rollout.yaml: expect at step 5 (the new image) and step 8 (undo back to the old one).
    assert.deepEqual([...new Set(r.expectations.map((x) => x.step))], [5, 8]);
    assert.ok(r.expectations.length >= 4 && r.expectations.every((x) => x.ok), JSON.stringify(r.expectations));
    assert.ok(r.messages.some((m) => / step 6: .*web/.test(m)), r.messages.join('\n'));
    assert.ok(r.messages.some((m) => / step 1: deployment\/web created/.test(m)), r.messages.join('\n'));
    const web = r.view.namespaces.find((n) => n.name === 'shop')!.deployments.find((d) => d.name === 'web')!;
    assert.equal(web.ready, 3);
    // Three rollouts: the first ReplicaSet came back as revision 3.
    assert.deepEqual(web.replicaSets.map((rs) => rs.revision).sort(), ['2', '3']);
    await new Promise((res) => setTimeout(res, 50));
    assert.deepEqual(views.at(-1)?.time, r.view.time);

    const lost = await s.request<SimulateScenarioResult>('drydock/simulate/scenario', { uri: fileUri(path.join(EXAMPLES, 'shop', 'scenarios', 'lose-a-node.yaml')) });
    assert.ok(lost.expectations.length > 0 && lost.expectations.every((x) => x.ok), JSON.stringify(lost.expectations));
    for (const x of lost.expectations) assert.ok(x.step === 3 || x.step === 8, JSON.stringify(x));
  } finally {
    await s.shutdown();
  }
});

test('a scenario outside the workspace, or applying a path outside it, is refused', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-scenario-'));
  const ws = path.join(base, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(base, 'secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n');
  fs.writeFileSync(path.join(base, 'outside.scenario.yaml'), '- wait: 1\n');
  fs.writeFileSync(path.join(ws, 'escape.scenario.yaml'), '- apply: ../secret.yaml\n- wait: 1\n');
  const s = await startServer({ rootPath: ws });
  try {
    await assert.rejects(s.request('drydock/simulate/scenario', { uri: fileUri(path.join(base, 'outside.scenario.yaml')) }));
    const r = await s.request<SimulateScenarioResult>('drydock/simulate/scenario', { uri: fileUri(path.join(ws, 'escape.scenario.yaml')) });
    assert.equal(r.expectations[0]?.ok, false);
    assert.match(r.expectations[0].message, /^step 1 failed: .*outside the workspace/);
    assert.ok(!JSON.stringify(r.view).includes('outside'));
  } finally {
    await s.shutdown();
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('rolloutUndo goes back to the chosen revision; a bounded run reports whether it settled', async () => {
  const s = await startServer({ rootPath: EXAMPLES });
  try {
    await s.request<SimulateResult>('drydock/simulate/apply', {});
    const web = (v: ClusterView) => v.namespaces.find((n) => n.name === 'shop')!.deployments.find((d) => d.name === 'web')!;
    const restarted = await s.request<SimulateResult>('drydock/simulate/operation', { op: 'rolloutRestart', namespace: 'shop', name: 'web' });
    const first = web(restarted.view).replicaSets.find((rs) => rs.revision === '1')!;
    assert.ok(first && first.desired === 0, JSON.stringify(web(restarted.view).replicaSets));
    const undone = await s.request<SimulateResult>('drydock/simulate/operation', { op: 'rolloutUndo', namespace: 'shop', name: 'web', revision: 1 });
    const back = web(undone.view).replicaSets.find((rs) => rs.name === first.name)!;
    assert.equal(back.revision, '3');
    assert.equal(back.desired, 3);
    const bad = await s.request<SimulateResult>('drydock/simulate/operation', { op: 'rolloutUndo', namespace: 'shop', name: 'web', revision: 42 });
    assert.match(bad.messages[0], /^error: .*42/);

    // The worker waits for a missing ConfigMap (CreateContainerConfigError): a bounded run does not settle, and says so.
    const short = await s.request<SimulateResult>('drydock/simulate/run', { maxSeconds: 3 });
    assert.equal(typeof short.stable, 'boolean');
    const t0 = short.view.time;
    const again = await s.request<SimulateResult>('drydock/simulate/run', { maxSeconds: 3 });
    assert.ok(again.view.time - t0 <= 3, `${again.view.time} - ${t0}`);
  } finally {
    await s.shutdown();
  }
});

test('drydock.scheduler.scoring: MostAllocated puts a pod on the fuller node, LeastAllocated on an emptier one', async () => {
  // Bare pods (no owner, no Service), so kube-scheduler's default spreading has nothing to spread: only NodeResourcesFit decides.
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-scoring-'));
  const pod = (name: string, cpu: string, node?: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${node ? `  nodeName: ${node}\n` : ''}  containers:\n    - name: c\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: ${cpu}\n          memory: 256Mi\n`;
  fs.writeFileSync(path.join(base, 'filler.yaml'), pod('filler', '2', 'worker-1'));
  fs.writeFileSync(path.join(base, 'probe.yaml'), pod('probe', '500m'));
  const nodeOfProbe = async (scoring?: string) => {
    const s = await startServer({ rootPath: base, initializationOptions: scoring ? { scheduler: { scoring } } : {} });
    try {
      await s.request<SimulateResult>('drydock/simulate/apply', { uris: [fileUri(path.join(base, 'filler.yaml'))] });
      const r = await s.request<SimulateResult>('drydock/simulate/apply', { uris: [fileUri(path.join(base, 'probe.yaml'))] });
      return r.view.namespaces.flatMap((n) => n.pods).find((p) => p.name === 'probe')?.node;
    } finally {
      await s.shutdown();
    }
  };
  try {
    assert.equal(await nodeOfProbe('MostAllocated'), 'worker-1');
    const least = await nodeOfProbe();
    assert.ok(least === 'worker-2' || least === 'worker-3', String(least));
    assert.equal(await nodeOfProbe('LeastAllocated'), least);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});
