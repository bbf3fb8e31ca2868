import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const drydock = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });

test('simulate the example shop: a tree of nodes, workloads and pods, then the events; json is deterministic and redacts Secrets', () => {
  const text = drydock(['simulate', 'examples/shop/k8s']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /deployment web: 3\/3 ready/);
  assert.match(text.stdout, /CreateContainerConfigError: configmap "worker-config" not found/);
  assert.match(text.stdout, /ScalingReplicaSet\s+deployment\/web: Scaled up replica set web-\w+ from 0 to 3/);
  const a = drydock(['simulate', 'examples/shop/k8s', '--format', 'json']);
  const b = drydock(['simulate', 'examples/shop/k8s', '--format', 'json']);
  assert.equal(a.stdout, b.stdout, 'same input, same output');
  const snap = JSON.parse(a.stdout);
  for (const key of ['time', 'nodes', 'objects', 'events', 'expectations']) assert.ok(key in snap, key);
  const secret = snap.objects.find((o: { kind: string }) => o.kind === 'Secret');
  assert.deepEqual(secret.data, { DATABASE_PASSWORD: '<redacted>' });
  assert.ok(!a.stdout.includes('change-me'), 'the secret value never appears');
});

test('scenarios: expectations pass (exit 0) or fail (exit 1); bad scenarios name the step', () => {
  const ok = drydock(['simulate', '--scenario', 'examples/shop/scenarios/rollout.yaml']);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /ok - step 8: deployment\/web: image is "shop\/web:1\.4\.2"/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-scn-'));
  try {
    fs.writeFileSync(path.join(dir, 'fail.yaml'), `namespace: shop\nsteps:\n  - apply: ${path.join(ROOT, 'examples/shop/k8s')}\n  - wait: stable\n  - expect:\n      deployment/worker: {availableReplicas: 1}\n`);
    const fail = drydock(['simulate', '--scenario', path.join(dir, 'fail.yaml')]);
    assert.equal(fail.status, 1);
    assert.match(fail.stdout, /FAILED - step 3: deployment\/worker: expected availableReplicas 1, got worker=0/);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), '- wait: stable\n- teleport: somewhere\n');
    const bad = drydock(['simulate', '--scenario', path.join(dir, 'bad.yaml')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /scenario step 2: unknown step "teleport"/);
    fs.writeFileSync(path.join(dir, 'profile.yaml'), 'nodes:\n  - name: n1\n    cpu: lots\n    memory: 1Gi\n');
    const prof = drydock(['simulate', 'examples/shop/k8s', '--profile', path.join(dir, 'profile.yaml')]);
    assert.equal(prof.status, 2);
    assert.match(prof.stderr, /cluster profile: nodes\[0\]\.cpu: "lots" is not a quantity/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--then applies a second set after the first settles', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-then-'));
  try {
    const dep = (img: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n      containers:\n        - name: app\n          image: ${img}\n`;
    fs.writeFileSync(path.join(dir, 'v1.yaml'), dep('app:1'));
    fs.mkdirSync(path.join(dir, 'next'));
    fs.writeFileSync(path.join(dir, 'next', 'v2.yaml'), dep('app:2'));
    const r = drydock(['simulate', 'v1.yaml', '--then', 'next', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const snap = JSON.parse(r.stdout);
    const rs = snap.objects.filter((o: { kind: string }) => o.kind === 'ReplicaSet');
    assert.equal(rs.length, 2);
    assert.ok(snap.log.some((l: string) => /deployment\/app configured/.test(l)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
