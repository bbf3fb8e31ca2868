import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';

/**
 * The server re-analyses an edited Dockerfile incrementally (only what changed is parsed and checked
 * again). After a run of small edits, its diagnostics, hover and inlay hints must be what a server that
 * sees the final text fresh reports.
 */
test('after incremental edits the server reports what a fresh analysis of the final text reports', async () => {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'docker', 'real', 'ollama__ollama__Dockerfile.Dockerfile'), 'utf8');
  const lines = text.split('\n');
  const edited = await startServer();
  const fresh = await startServer();
  try {
    const uri = fileUri('/virtual/incremental/Dockerfile');
    await edited.open(uri, 'dockerfile', text);
    // Ranged edits the way an editor sends keystrokes: insert a line, type at its end, add a continuation,
    // open and close a heredoc, delete a stage's FROM line.
    const edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }> = [
      { range: { start: { line: 30, character: 0 }, end: { line: 30, character: 0 } }, text: 'RUN apt-get install curl\n' },
      { range: { start: { line: 30, character: 24 }, end: { line: 30, character: 24 } }, text: ' wget \\' },
      { range: { start: { line: 31, character: 0 }, end: { line: 31, character: 0 } }, text: '    && echo done\n' },
      { range: { start: { line: 60, character: 0 }, end: { line: 60, character: 0 } }, text: 'RUN <<EOF\nset -e\n' },
      { range: { start: { line: 62, character: 0 }, end: { line: 62, character: 0 } }, text: 'EOF\n' },
      { range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' },
    ];
    let current = lines.slice();
    for (const e of edits) {
      await edited.change(uri, [{ range: e.range, text: e.text }]);
      const joined = current.join('\n');
      const offset = (p: { line: number; character: number }) => current.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      current = (joined.slice(0, offset(e.range.start)) + e.text + joined.slice(offset(e.range.end))).split('\n');
    }
    const finalText = current.join('\n');
    const after = await edited.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    const expected = await fresh.open(uri, 'dockerfile', finalText);
    const plain = (d: typeof after) => d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character, x.message]).sort();
    assert.ok(expected.length > 5);
    assert.deepEqual(plain(after), plain(expected));
    const hintRange = { start: { line: 0, character: 0 }, end: { line: current.length, character: 0 } };
    const hints = await Promise.all([edited, fresh].map((s) => s.request<Array<{ position: unknown; label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range: hintRange })));
    assert.deepEqual(hints[0], hints[1]);
  } finally {
    await edited.shutdown();
    await fresh.shutdown();
  }
});
