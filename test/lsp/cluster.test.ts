import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';
import type { ClusterView, SimulateResult } from '../../server/src/protocol';

test('simulate over LSP: apply the workspace, watch the notification, fail a node, explain, reset', async () => {
  const s = await startServer({ rootPath: path.join(ROOT, 'examples') });
  const views: ClusterView[] = [];
  s.connection.onNotification("drydock/cluster/changed", (v: ClusterView) => { views.push(v); });
  try {
    const applied = await s.request<SimulateResult>('drydock/simulate/apply', {});
    assert.ok(applied.messages.includes('deployment/web created'), applied.messages.join('\n'));
    const shop = applied.view.namespaces.find((n) => n.name === 'shop')!;
    const web = shop.deployments.find((d) => d.name === 'web')!;
    assert.deepEqual([web.ready, web.desired], [3, 3]);
    const worker = shop.deployments.find((d) => d.name === 'worker')!.replicaSets[0].pods[0];
    assert.equal(worker.reason, 'CreateContainerConfigError');
    assert.match(worker.message ?? '', /configmap "worker-config" not found/);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(views.length >= 1, 'drydock/cluster/changed was sent');

    const node = web.replicaSets[0].pods[0].node!;
    const failed = await s.request<SimulateResult>('drydock/simulate/operation', { op: 'failNode', name: node });
    assert.equal(failed.view.nodes.find((n) => n.name === node)?.ready, false);
    const later = await s.request<SimulateResult>('drydock/simulate/step', { seconds: 400 });
    const moved = later.view.namespaces.find((n) => n.name === 'shop')!.deployments.find((d) => d.name === 'web')!;
    assert.ok(moved.replicaSets[0].pods.every((p) => p.node !== node), 'pods left the failed node');

    const req = await s.request<SimulateResult>('drydock/simulate/operation', { op: 'request', host: 'shop.example.com', path: '/api/x' });
    assert.match(req.messages.join('\n'), /no endpoints available for service "api"/);
    const pod = moved.replicaSets[0].pods[0].name;
    const why = await s.request<{ verdicts: Array<{ node: string; failed?: { plugin: string } }> }>('drydock/simulate/explain', { namespace: 'shop', pod });
    assert.equal(why.verdicts.find((v) => v.node === 'control-plane')?.failed?.plugin, 'TaintToleration');

    const applyOne = await s.request<SimulateResult>('drydock/simulate/reset', {});
    assert.equal(applyOne.view.namespaces.length, 0);
    const fromFile = await s.request<SimulateResult>('drydock/simulate/apply', { uris: [fileUri(path.join(ROOT, 'examples', 'shop', 'k8s', 'namespace.yaml'))] });
    assert.deepEqual(fromFile.messages.filter((m) => m.endsWith('created')), ['namespace/shop created']);
  } finally {
    await s.shutdown();
  }
});

test('a cluster profile path is honoured inside the workspace and ignored outside it (what restricted mode relies on)', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-trust-'));
  const ws = path.join(base, 'ws');
  fs.mkdirSync(path.join(ws, '.drydock'), { recursive: true });
  const profile = (name: string) => `nodes:\n  - name: ${name}\n    cpu: "2"\n    memory: 4Gi\n`;
  fs.writeFileSync(path.join(ws, '.drydock', 'inside.yaml'), profile('inside-node'));
  fs.writeFileSync(path.join(base, 'outside.yaml'), profile('outside-node'));
  fs.writeFileSync(path.join(ws, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n');
  const nodesWith = async (clusterProfile: string) => {
    const s = await startServer({ rootPath: ws, initializationOptions: { diagnostics: { debounceMs: 0 }, clusterProfile } });
    try {
      const r = await s.request<SimulateResult>('drydock/simulate/apply', {});
      return r.view.nodes.map((n) => n.name);
    } finally {
      await s.shutdown();
    }
  };
  try {
    assert.deepEqual(await nodesWith('.drydock/inside.yaml'), ['inside-node']);
    const outside = await nodesWith('../outside.yaml');
    assert.ok(!outside.includes('outside-node'), 'a profile outside the workspace is never read');
    assert.ok(outside.includes('control-plane'), `the default profile is used instead: ${outside.join(', ')}`);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('while a simulation runs, workload lines show their simulated state as CodeLens, refreshed after each change', async () => {
  const fs = await import('node:fs');
  const s = await startServer({ rootPath: path.join(ROOT, 'examples'), capabilities: { workspace: { configuration: false, workspaceFolders: true, codeLens: { refreshSupport: true } } } });
  let refreshes = 0;
  s.connection.onRequest('workspace/codeLens/refresh', () => { refreshes++; return null; });
  try {
    const file = path.join(ROOT, 'examples', 'shop', 'k8s', 'web.yaml');
    const uri = fileUri(file);
    await s.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
    type Lens = { range: { start: { line: number } }; command: { title: string; command: string } };
    const titles = async () => (await s.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command.title);
    assert.ok(!(await titles()).some((t) => t.startsWith('⎈')), 'no simulated state before a simulation');
    await s.request<SimulateResult>('drydock/simulate/apply', {});
    assert.ok(refreshes >= 1, 'the server asked the editor to refresh CodeLens');
    const after = await titles();
    assert.ok(after.includes('⎈ 3/3 ready'), after.join(' | '));
    assert.ok(after.some((t) => /^⎈ 10\.\d+\.\d+\.\d+ · 3 endpoints$/.test(t)), after.join(' | '));
    await s.request<SimulateResult>('drydock/simulate/operation', { op: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', replicas: 5 });
    await s.request<SimulateResult>('drydock/simulate/run', {});
    assert.ok((await titles()).includes('⎈ 5/5 ready'));
    await s.request<SimulateResult>('drydock/simulate/reset', {});
    assert.ok(!(await titles()).some((t) => t.startsWith('⎈')), 'a reset clears the simulated state');
  } finally {
    await s.shutdown();
  }
});
