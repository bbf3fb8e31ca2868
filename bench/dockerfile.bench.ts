/**
 * Dockerfiles: parse + plan + lint in process, and keystroke-to-diagnostics over LSP, side by side
 * with dockerfile-language-server-nodejs (the server most editors ship) on the same files and edits.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseDockerfile, planLayers } from '../server/src/dockerfile/index';
import { makeDockerfile } from './lib/dockerfiles';
import { median, percentile, startClient } from './lib/lspClient';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dockerfileUtils = require('dockerfile-utils') as { validate(content: string, settings?: unknown): unknown[] };

const ROOT = path.resolve(__dirname, '..');
const PEER = path.join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');

function timeIt(fn: () => void, minRuns: number, minMs: number): number {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const rows: string[][] = [['lines', 'Drydock parse+plan+lint (ms)', 'peer validate (ms)', 'peer ÷ Drydock']];
  for (const n of [10, 100, 2000]) {
    const text = makeDockerfile(n);
    const ours = timeIt(() => { const a = analyseDockerfile(text); planLayers(a.model); }, 20, 500);
    const peer = timeIt(() => dockerfileUtils.validate(text), 20, 500);
    rows.push([String(n), ours.toFixed(3), peer.toFixed(3), (peer / ours).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in process (median)', rows);

  const lsp: string[][] = [['server', 'open 2,000 lines (ms)', 'keystroke→diagnostics p50 (ms)', 'p95 (ms)', 'RSS after (MB)']];
  const text = makeDockerfile(2000);
  const lines = text.split('\n');
  const edits = Array.from({ length: 60 }, (_, k) => {
    const copy = lines.slice();
    const at = 5 + ((k * 37) % (lines.length - 10));
    copy[at] = copy[at] + (k % 2 ? ' ' : '');
    copy.splice(at + 1, 0, `LABEL edit=${k}`);
    return copy.join('\n');
  });
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const [name, cmd, args, init] of [
    ['Drydock', process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { diagnostics: { debounceMs: 0 } }],
    ['dockerfile-language-server-nodejs 0.15.0', process.execPath, [PEER, '--stdio'], undefined],
  ] as Array<[string, string, string[], unknown]>) {
    const client = await startClient(cmd, args, pathToFileURL(ROOT).href, init);
    const uri = pathToFileURL(path.join(ROOT, 'bench', '.out', `${name.split(' ')[0]}`, 'Dockerfile')).href;
    const open = await client.open(uri, 'dockerfile', text);
    const times: number[] = [];
    for (const e of edits) times.push(await client.edit(uri, e));
    const warm = times.slice(10);
    results[name] = { p50: median(warm), p95: percentile(warm, 95) };
    lsp.push([name, open.toFixed(1), results[name].p50.toFixed(2), results[name].p95.toFixed(2), (client.rssKb() / 1024).toFixed(0)]);
    await client.close();
  }
  const [a, b] = Object.values(results);
  lsp.push(['peer ÷ Drydock', '', (b.p50 / a.p50).toFixed(2) + '×', (b.p95 / a.p95).toFixed(2) + '×', '']);
  report('Keystroke to diagnostics over LSP, 2,000-line Dockerfile, 50 edits after 10 warm-up (full-text sync)', lsp);
}
