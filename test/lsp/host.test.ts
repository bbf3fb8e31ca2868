import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { startServer, fileUri, ROOT } from './harness';

/** A Dockerfile big enough that its first analysis takes well over a second. */
function hugeDockerfile(lines: number): string {
  const out = ['FROM alpine:3.20 AS base'];
  for (let i = 0; out.length < lines; i++) out.push(i % 3 === 0 ? `RUN apk add --no-cache pkg${i} && echo ${i} | tee /tmp/f${i}` : i % 3 === 1 ? `ENV VAR${i}=\${VAR${i - 1}:-x}` : `COPY src/f${i} /app/f${i}`);
  return out.join('\n') + '\n';
}
const small = 'FROM alpine:3.20\nRUN apt-get install curl\n';

test('an analysis that runs past the time bound is stopped: one finding for that text, and the server keeps answering', async () => {
  const s = await startServer({ rootPath: path.join(ROOT, 'examples'), env: { ...process.env, DRYDOCK_ANALYSIS_TIMEOUT_MS: '2000' } });
  try {
    const big = fileUri(path.join(ROOT, 'examples', 'huge', 'Dockerfile'));
    const stopped = await s.open(big, 'dockerfile', hugeDockerfile(150_000));
    assert.deepEqual(stopped.map((d) => d.code), ['drydock/analysis-timeout']);
    assert.match(String(stopped[0].message), /analysis stopped after 2 s/);
    // The restarted server works: another document gets its diagnostics and answers hover.
    const other = fileUri(path.join(ROOT, 'examples', 'small', 'Dockerfile'));
    const diags = await s.open(other, 'dockerfile', small);
    assert.ok(diags.some((d) => d.code === 'DL3008'), JSON.stringify(diags.map((d) => d.code)));
    const hover = await s.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 1, character: 1 } });
    assert.ok(hover, 'hover answered after the restart');
    const stats = await s.request<{ restarts: number }>('drydock/host/stats', {});
    assert.ok(stats.restarts >= 1);
    // An edit makes new text: it is analysed again (and stopped again, with the same honest finding).
    const again = await s.change(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    assert.deepEqual(again.map((d) => d.code), ['drydock/analysis-timeout']);
  } finally {
    await s.shutdown();
  }
});

test('the process that speaks to the editor stays responsive while the worker analyses: cancellation and host requests are answered before the analysis ends', async () => {
  const s = await startServer({ rootPath: path.join(ROOT, 'examples') });
  try {
    const big = fileUri(path.join(ROOT, 'examples', 'huge', 'Dockerfile'));
    let analysed = false;
    const diagnostics = s.nextDiagnostics(big, 1, 60_000).then((d) => ((analysed = true), d));
    void s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'dockerfile', version: 1, text: hugeDockerfile(15_000) } });
    // The worker is busy with the first analysis (seconds); a hover on that document waits behind it ...
    const source = new CancellationTokenSource();
    const hover = s.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 5, character: 1 } }, source.token);
    // ... the host answers its own request meanwhile ...
    const stats = await s.request<{ eventLoopMaxMs: number; restarts: number }>('drydock/host/stats', {});
    assert.equal(analysed, false, 'the host answered while the analysis was still running');
    assert.equal(stats.restarts, 0);
    // ... and a cancelled request is answered at once, not when the analysis ends.
    source.cancel();
    await assert.rejects(hover, /cancel/i);
    assert.equal(analysed, false, 'the cancellation was answered before the analysis ended');
    const done = await diagnostics;
    assert.ok(done.length > 0 && !done.some((d) => d.code === 'drydock/analysis-timeout'), 'the analysis itself finished normally');
  } finally {
    await s.shutdown();
  }
});
