import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, fileUri } from './harness';

/** After each hostile input the server must still answer a request and analyse a normal file. */
async function stillAnswers(s: Awaited<ReturnType<typeof startServer>>, tag: string): Promise<void> {
  const uri = fileUri(`/virtual/after-${tag}/Dockerfile`);
  const diags = await s.open(uri, 'dockerfile', 'FROM alpine:3.20\nRUNN x\n');
  assert.ok(diags.some((d) => d.code === 'unknown-instruction'), `server stopped analysing after ${tag}`);
  const symbols = await s.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, 1);
}

test('hostile input gets a clear finding and the server keeps answering', async () => {
  const s = await startServer();
  try {
    // Empty files.
    assert.ok(Array.isArray(await s.open(fileUri('/virtual/empty/Dockerfile'), 'dockerfile', '')));
    assert.deepEqual(await s.open(fileUri('/virtual/empty.yaml'), 'yaml', ''), []);
    await stillAnswers(s, 'empty');

    // Binary content opened as a Dockerfile (what an editor sends for a binary file read as text).
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const bin = await s.open(fileUri('/virtual/bin/Dockerfile'), 'dockerfile', binary);
    assert.deepEqual(bin.map((d) => d.code), ['binary-file']);
    await stillAnswers(s, 'binary');

    // Invalid UTF-8 arrives as U+FFFD; NUL bytes stay NUL.
    const odd = await s.open(fileUri('/virtual/odd/Dockerfile'), 'dockerfile', 'FROM alpine\uFFFD\nRUN echo \uFFFD 😀\n');
    assert.ok(odd.every((d) => d.range.start.line <= 2), 'ranges stay inside the document');
    await stillAnswers(s, 'odd-encoding');

    // A 21 MB document is over the default 20 MB limit: one clear finding, no analysis.
    const big = 'RUN echo ' + 'x'.repeat(70) + '\n';
    const huge = 'FROM alpine\n' + big.repeat(Math.ceil((21 * 1024 * 1024) / big.length));
    const tooLarge = await s.open(fileUri('/virtual/huge/Dockerfile'), 'dockerfile', huge);
    assert.equal(tooLarge.length, 1);
    assert.equal(tooLarge[0].code, 'file-too-large');
    assert.match(String(tooLarge[0].message), /limit 20 MB \(setting drydock\.maxFileSize\)/);
    await stillAnswers(s, 'huge');

    // A YAML alias bomb ("billion laughs") in a manifest.
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${levels.join('\n')}\n`;
    const bombDiags = await s.open(fileUri('/virtual/bomb.yaml'), 'yaml', bomb);
    const readable = bombDiags.find((d) => /alias/i.test(String(d.message)));
    assert.ok(readable, `expected a finding about aliases, got ${JSON.stringify(bombDiags)}`);
    await stillAnswers(s, 'alias-bomb');
  } finally {
    await s.shutdown();
  }
});
