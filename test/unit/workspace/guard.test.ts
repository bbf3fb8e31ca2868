import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeFile, looksBinary } from '../../../server/src/workspace/guard';
import { analyseText } from '../../../server/src/workspace/analyse';

const enc = (s: string) => new TextEncoder().encode(s);

test('plain UTF-8 decodes with no findings; a UTF-8 BOM is dropped', () => {
  assert.deepEqual(decodeFile(enc('FROM alpine\n')), { text: 'FROM alpine\n', findings: [] });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('FROM alpine\n')]);
  assert.equal(decodeFile(bom).text, 'FROM alpine\n');
});

test('UTF-16 with a BOM is decoded (both byte orders)', () => {
  const s = 'FROM alpine\nRUN echo é\n';
  const le = new Uint8Array(2 + s.length * 2);
  le[0] = 0xff; le[1] = 0xfe;
  const be = new Uint8Array(2 + s.length * 2);
  be[0] = 0xfe; be[1] = 0xff;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    le[2 + 2 * i] = c & 0xff; le[3 + 2 * i] = c >> 8;
    be[2 + 2 * i] = c >> 8; be[3 + 2 * i] = c & 0xff;
  }
  assert.equal(decodeFile(le).text, s);
  assert.equal(decodeFile(be).text, s);
});

test('a binary file is refused with a clear finding', () => {
  const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]);
  assert.equal(looksBinary(bytes), true);
  const r = decodeFile(bytes);
  assert.equal(r.text, null);
  assert.equal(r.findings[0].rule, 'binary-file');
});

test('a file over the limit is refused, naming both sizes and the setting', () => {
  const r = decodeFile(new Uint8Array(3 * 1024 * 1024), 2 * 1024 * 1024);
  assert.equal(r.text, null);
  assert.match(r.findings[0].message, /3 MB > limit 2 MB \(setting drydock\.maxFileSize\)/);
});

test('invalid UTF-8 is analysed with replacement characters and reported where it starts', () => {
  const bytes = new Uint8Array([...enc('FROM alpine\nRUN echo '), 0xc3, 0x28, ...enc('\n')]);
  const r = decodeFile(bytes);
  assert.ok(r.text?.startsWith('FROM alpine\nRUN echo \uFFFD'));
  assert.equal(r.findings[0].rule, 'invalid-encoding');
  assert.deepEqual(r.findings[0].range.start, { line: 1, character: 9 });
});

test('an empty file is text', () => {
  assert.deepEqual(decodeFile(new Uint8Array(0)), { text: '', findings: [] });
});

test('a Dockerfile with a pathologically long line gets one finding instead of a slow parse', () => {
  const text = 'FROM alpine:3.20\nRUN echo ' + 'x'.repeat(300_000) + '\n';
  const findings = analyseText('dockerfile', text);
  assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [['line-too-long', 1]]);
  assert.match(findings[0].message, /Line 2 is too long to analyse \(293 KB > 98 KB\)/);
});
