import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../../../server/src/common/text';
import type { Finding, TextEdit } from '../../../server/src/common/types';
import { analyseManifestSet } from '../../../server/src/workspace/manifests';

/** Applies LSP edits (non-overlapping) to a text, last first. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ from: lines.offsetAt(e.range.start), to: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.from - a.from);
  for (const e of sorted) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}

const analyse = (files: Record<string, string>) => analyseManifestSet(Object.entries(files).map(([p, text]) => ({ path: p, text }))).findings;
const ruleIn = (findings: Map<string, Finding[]>, file: string, rule: string) => findings.get(file)?.filter((f) => f.rule === rule) ?? [];

test('dangling-service: "align the selector" makes the Service select the workload (example shop api.yaml)', () => {
  const file = path.resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'k8s', 'api.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const [f] = ruleIn(analyse({ [file]: text }), file, 'dangling-service');
  assert.ok(f, 'the api Service is dangling');
  const fix = f.fixes?.find((x) => /Align the selector with the pods of Deployment api/.test(x.title));
  assert.ok(fix, JSON.stringify(f.fixes));
  assert.equal(fix.path, undefined, 'the edit is in the same file');
  const fixed = apply(text, fix.edits);
  assert.match(fixed, /selector:\s*\n\s+app: api\n/);
  assert.equal(ruleIn(analyse({ [file]: fixed }), file, 'dangling-service').length, 0);
});

test('unset requirements: "add a resources stanza" inserts a valid stanza that clears the requirement findings', () => {
  const file = '/w/pod.yaml';
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  selector:\n    matchLabels:\n      app: w\n  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      containers:\n        - name: w\n          image: w:1.0\n';
  const before = analyse({ [file]: text });
  const [f] = ruleIn(before, file, 'unset-cpu-requirements');
  const fix = f?.fixes?.find((x) => /resources stanza/.test(x.title));
  assert.ok(fix);
  const fixed = apply(text, fix.edits);
  assert.match(fixed, /- name: w\n {10}resources:\n {12}requests:\n {14}cpu: 100m\n/);
  const after = analyse({ [file]: fixed });
  for (const r of ['unset-cpu-requirements', 'unset-memory-requirements', 'drydock/unset-memory-limit']) assert.equal(ruleIn(after, file, r).length, 0, r);
  assert.equal((after.get(file) ?? []).filter((x) => x.severity === 'error').length, 0, 'the stanza is valid');
});

test('missing ConfigMap: "create it in a new document" yields a manifest where the reference resolves', () => {
  const file = '/w/app.yaml';
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: c:1.0\n      envFrom:\n        - configMapRef:\n            name: settings\n';
  const [f] = ruleIn(analyse({ [file]: text }), file, 'drydock/missing-configmap');
  const fix = f?.fixes?.[0];
  assert.ok(fix);
  const fixed = apply(text, fix.edits);
  const after = analyse({ [file]: fixed });
  assert.equal(ruleIn(after, file, 'drydock/missing-configmap').length, 0, fixed);
  assert.equal((after.get(file) ?? []).filter((x) => x.severity === 'error').length, 0, JSON.stringify(after.get(file)));
});

test('across files, the alignment fix edits only the Service selector value, in the Service\'s file', () => {
  const svc = '/w/svc.yaml';
  const dep = '/w/dep.yaml';
  const findings = analyse({
    [svc]: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: shop-api\n  ports:\n    - port: 80\n',
    [dep]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n',
  });
  const [f] = ruleIn(findings, svc, 'dangling-service');
  const fix = f.fixes!.find((x) => /Deployment api/.test(x.title))!;
  assert.equal(fix.path, undefined);
  assert.deepEqual(fix.edits.map((e) => [e.range.start.line, e.newText]), [[6, 'api']]);
});

test('dangling-service: "add the missing label" labels the pods of a workload in another file, and the Service then selects it', () => {
  const svc = '/w/svc.yaml';
  const dep = '/w/dep.yaml';
  const svcText = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    component: api\n  ports:\n    - port: 80\n';
  const depText = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n';
  const [f] = ruleIn(analyse({ [svc]: svcText, [dep]: depText }), svc, 'dangling-service');
  const fix = f.fixes?.find((x) => /Add the label component=api to the pods of Deployment api/.test(x.title));
  assert.ok(fix, JSON.stringify(f.fixes));
  assert.equal(fix.path, dep, 'the edit is in the Deployment\'s file');
  const fixed = apply(depText, fix.edits);
  assert.match(fixed, /labels:\n {8}app: api\n {8}component: api\n/);
  const after = analyse({ [svc]: svcText, [dep]: fixed });
  assert.equal(ruleIn(after, svc, 'dangling-service').length, 0);
  assert.equal((after.get(dep) ?? []).filter((x) => x.severity === 'error').length, 0);
});
