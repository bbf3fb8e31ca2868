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

test('drydock.scheduler.scoring: MostAllocated packs separate workloads on fewer nodes than LeastAllocated', async () => {
  // Four single-replica Deployments: no system default spreading between them (it only spreads the replicas of
  // one controller), so the scoring strategy alone decides: LeastAllocated spreads, MostAllocated packs.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-scoring-'));
  const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: c\n          image: ${name}:1.0\n          resources:\n            requests:\n              cpu: 500m\n              memory: 256Mi\n`;
  fs.writeFileSync(path.join(ws, 'apps.yaml'), ['a', 'b', 'c', 'd'].map(deployment).join('---\n'));
  const nodesUsed = async (scoring?: string) => {
    const s = await startServer({ rootPath: ws, initializationOptions: scoring ? { scheduler: { scoring } } : {} });
    try {
      const r = await s.request<SimulateResult>('drydock/simulate/apply', {});
      return r.view.nodes.filter((n) => n.podNames.length > 0).length;
    } finally {
      await s.shutdown();
    }
  };
  try {
    const least = await nodesUsed();
    const most = await nodesUsed('MostAllocated');
    assert.equal(least, 3, 'LeastAllocated spreads the four pods over the three workers');
    assert.equal(most, 1, 'MostAllocated packs them on one worker');
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('replicas of one Deployment spread over the workers under either strategy (system default spreading, as kube-scheduler)', async () => {
  const nodesOfWeb = async (scoring?: string) => {
    const s = await startServer({ rootPath: EXAMPLES, initializationOptions: scoring ? { scheduler: { scoring } } : {} });
    try {
      const r = await s.request<SimulateResult>('drydock/simulate/apply', {});
      const web = r.view.namespaces.find((n) => n.name === 'shop')!.deployments.find((d) => d.name === 'web')!;
      return new Set(web.replicaSets.flatMap((rs) => rs.pods.map((p) => p.node))).size;
    } finally {
      await s.shutdown();
    }
  };
  assert.equal(await nodesOfWeb(), 3);
  assert.equal(await nodesOfWeb('MostAllocated'), 3);
});
