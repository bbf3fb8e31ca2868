import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseManifestSet } from '../../../server/src/workspace/manifests';

const DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'k8s', 'real');

test('real manifests that a real API server accepts get no error-level finding, ranges stay in bounds', () => {
  const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.equal(files.length, 28);
  for (const f of files) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8');
    const findings = analyseManifestSet([{ path: f, text }]).findings.get(f)!;
    const errors = findings.filter((x) => x.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.rule}: ${e.message}`), [], f);
    const lines = text.split(/\r\n|\r|\n/);
    for (const x of findings) assert.ok(x.range.end.line < lines.length && x.range.end.character <= lines[x.range.end.line].length, `${f}: ${x.rule} range`);
  }
});
