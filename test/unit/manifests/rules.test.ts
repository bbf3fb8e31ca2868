import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MANIFEST_RULES } from '../../../server/src/manifests/index';
import { analyseManifestSet } from '../../../server/src/workspace/manifests';

const run = (text: string) => analyseManifestSet([{ path: '/example.yaml', text }]).findings.get('/example.yaml') ?? [];

// Every rule ships with a bad and a good example: the bad one must trigger it, the good one must not.
for (const rule of MANIFEST_RULES) {
  const { id, examples } = rule.meta;
  test(`${id}: its bad example is found and its good example is clean`, () => {
    const bad = run(examples.bad).filter((f) => f.rule === id);
    assert.ok(bad.length > 0, `${id} found nothing in its bad example:\n${examples.bad}`);
    const lines = examples.bad.split('\n');
    for (const f of bad) {
      assert.ok(f.range.start.line < lines.length, `${id}: range outside the document`);
      assert.ok(f.range.end.character <= lines[f.range.end.line].length, `${id}: range past the line`);
    }
    assert.deepEqual(run(examples.good).filter((f) => f.rule === id).map((f) => f.message), [], `${id} fired on its good example`);
  });
}

test('at least 30 manifest rules, unique ids, docs links', () => {
  const ids = MANIFEST_RULES.map((r) => r.meta.id);
  assert.ok(ids.length >= 30, String(ids.length));
  assert.equal(new Set(ids).size, ids.length);
  for (const r of MANIFEST_RULES) assert.match(r.meta.docs, /^https:\/\//);
});

test('suppressions: the kube-linter annotation and # drydock-ignore', () => {
  const pod = (meta: string, comment = '') => `${comment}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: x\n${meta}spec:\n  containers:\n    - name: c\n      image: c:latest\n`;
  assert.ok(run(pod('')).some((f) => f.rule === 'latest-tag'));
  assert.ok(!run(pod('  annotations:\n    ignore-check.kube-linter.io/latest-tag: "pinned by CI"\n')).some((f) => f.rule === 'latest-tag'));
  assert.ok(!run(pod('', '# drydock-ignore latest-tag\n')).some((f) => f.rule === 'latest-tag'));
  assert.ok(run(pod('', '# drydock-ignore no-liveness-probe\n')).some((f) => f.rule === 'latest-tag'));
});

test('findings never print a secret value', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      env:\n        - name: API_TOKEN\n          value: s3cr3t-value-123\n';
  const all = run(text);
  assert.ok(all.some((f) => f.rule === 'env-var-secret'));
  assert.ok(all.every((f) => !f.message.includes('s3cr3t-value-123')));
});

test('references resolve across files; a missing ConfigMap offers to create it', () => {
  const a = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - configMapRef:\n            name: settings\n';
  const b = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n';
  const alone = analyseManifestSet([{ path: '/a.yaml', text: a }]).findings.get('/a.yaml')!;
  const missing = alone.find((f) => f.rule === 'drydock/missing-configmap');
  assert.ok(missing);
  assert.match(missing.fixes?.[0].edits[0].newText ?? '', /kind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop/);
  const together = analyseManifestSet([{ path: '/a.yaml', text: a }, { path: '/b.yaml', text: b }]).findings.get('/a.yaml')!;
  assert.ok(!together.some((f) => f.rule === 'drydock/missing-configmap'));
  // A ConfigMap in another namespace does not count.
  const elsewhere = analyseManifestSet([{ path: '/a.yaml', text: a }, { path: '/b.yaml', text: b.replace('namespace: shop', 'namespace: other') }]).findings.get('/a.yaml')!;
  assert.ok(elsewhere.some((f) => f.rule === 'drydock/missing-configmap'));
});
