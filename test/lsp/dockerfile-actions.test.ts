import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, fileUri } from './harness';

interface Action { title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, Array<{ range: unknown; newText: string }>> } }

test('diagnostics carry quick fixes that the server offers as code actions', async () => {
  const s = await startServer();
  try {
    const uri = fileUri('/virtual/actions/Dockerfile');
    const diags = await s.open(uri, 'dockerfile', 'FROM debian:12\nRUN apt-get install --no-install-recommends curl=7 && rm -rf /var/lib/apt/lists/*\nADD app.py /app/\n');
    const dl3014 = diags.find((d) => d.code === 'DL3014');
    assert.ok(dl3014, JSON.stringify(diags.map((d) => d.code)));
    assert.equal(dl3014.codeDescription?.href, 'https://github.com/hadolint/hadolint/wiki/DL3014');
    const actions = await s.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: dl3014.range, context: { diagnostics: [dl3014] } });
    const addY = actions.find((a) => a.title === 'Add -y');
    assert.ok(addY, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(addY.kind, 'quickfix');
    assert.equal(addY.isPreferred, true);
    assert.deepEqual(addY.edit.changes[uri], [{ range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 } }, newText: ' -y' }]);
    assert.ok(actions.some((a) => a.title === 'Ignore DL3014 for this instruction'));
    const dl3020 = diags.find((d) => d.code === 'DL3020')!;
    const copy = await s.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: dl3020.range, context: { diagnostics: [dl3020] } });
    assert.equal(copy.find((a) => a.isPreferred)?.edit.changes[uri][0].newText, 'COPY');
  } finally {
    await s.shutdown();
  }
});
