import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/common/text';

test('positions count UTF-16 units and every LSP line end (LF, CRLF, lone CR)', () => {
  const text = 'a😀b\r\nc\rd\ne';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.positionAt(text.indexOf('b')), { line: 0, character: 3 });
  assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 2, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('e')), { line: 3, character: 0 });
  assert.equal(idx.lineText(0), 'a😀b');
  assert.equal(idx.lineText(1), 'c');
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 4, 'a character past the line end clamps to the end of the line');
  assert.equal(idx.offsetAt({ line: 9, character: 0 }), text.length);
});

test('offsetAt and positionAt are inverse on every offset of a mixed text', () => {
  const text = 'FROM x\r\n# é😀\rRUN a \\\n  b\n';
  const idx = new LineIndex(text);
  for (let o = 0; o <= text.length; o++) {
    const p = idx.positionAt(o);
    const back = idx.offsetAt(p);
    // Every position is a real LSP position: inside its line's text (the fuzzer found one inside a CRLF).
    assert.ok(p.character <= idx.lineText(p.line).length, `offset ${o} -> ${JSON.stringify(p)}`);
    // Offsets inside a CRLF pair map to the end of the line's content.
    if (text[o - 1] === '\r' && text[o] === '\n') assert.equal(back, o - 1);
    else assert.equal(back, o, `offset ${o}`);
  }
});
