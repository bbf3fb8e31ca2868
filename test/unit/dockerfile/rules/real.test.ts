import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseDockerfile } from '../../../../server/src/dockerfile/index';
import { LineIndex } from '../../../../server/src/common/text';

const DIR = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'docker', 'real');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.Dockerfile')).sort();

test('28 real-world Dockerfiles: no rule fails, every range lies inside its file, output is deterministic', () => {
  assert.equal(files.length, 28);
  for (const file of files) {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const a = analyseDockerfile(text).findings;
    const b = analyseDockerfile(text).findings;
    assert.deepEqual(a, b, `${file}: not deterministic`);
    assert.ok(!a.some((f) => f.rule === 'internal-error'), `${file}: ${a.find((f) => f.rule === 'internal-error')?.message}`);
    const idx = new LineIndex(text);
    for (const f of a) {
      for (const p of [f.range.start, f.range.end]) {
        assert.ok(p.line < idx.lineCount, `${file}: ${f.rule} line ${p.line} out of range`);
        assert.ok(p.character <= idx.lineText(p.line).length, `${file}: ${f.rule} character ${p.character} past line ${p.line}`);
      }
    }
  }
});
