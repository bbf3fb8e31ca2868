/**
 * Dockerfiles: parse + plan + lint in process, and keystroke-to-diagnostics over LSP, side by side
 * with dockerfile-language-server-nodejs (the server most editors ship) on the same files and edits.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseDockerfile, planLayers } from '../server/src/dockerfile/index';
import { makeDockerfile } from './lib/dockerfiles';
import { median, percentile, startClient } from './lib/lspClient';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dockerfileUtils = require('dockerfile-utils') as { validate(content: string, settings?: unknown): unknown[] };

const ROOT = path.resolve(__dirname, '..');
const PEER = path.join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');

/**
 * Median CPU time of `fn` in ms (process.cpuUsage: user + system, GC threads included). CPU time rather
 * than wall time because the machines this runs on are shared: a busy neighbour stretches wall time
 * for both servers unevenly, while CPU time stays what the work costs.
 */
function timeIt(fn: () => void, minRuns: number, minMs: number): number {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  return median(samples);
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const rows: string[][] = [['lines', 'Drydock parse+plan+lint, whole file', 'peer validate', 'peer ÷ Drydock', 'Drydock after a one-line edit (incremental)', 'peer ÷ Drydock incremental']];
  for (const n of [10, 100, 2000, 8000]) {
    const text = makeDockerfile(n);
    const ours = timeIt(() => { const a = analyseDockerfile(text); planLayers(a.model); }, 20, 500);
    const peer = timeIt(() => dockerfileUtils.validate(text), 20, 500);
    // The same file after an edit in its middle (a changed line and an inserted one), alternating with the
    // original so every run sees a new version; analysed from the previous version's model, as the server does.
    const lines = text.split('\n');
    const at = Math.floor(lines.length / 2);
    const edited = [...lines.slice(0, at), lines[at] + ' ', 'LABEL edit=1', ...lines.slice(at + 1)].join('\n');
    let model = analyseDockerfile(text).model;
    let flip = false;
    const incremental = timeIt(() => {
      flip = !flip;
      const a = analyseDockerfile(flip ? edited : text, { previous: model });
      planLayers(a.model);
      model = a.model;
    }, 20, 500);
    rows.push([String(n), ours.toFixed(3), peer.toFixed(3), (peer / ours).toFixed(2) + '×', incremental.toFixed(3), (peer / incremental).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in process (median CPU ms)', rows);

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
  report(`Keystroke to diagnostics over LSP, 2,000-line Dockerfile, 50 edits after 10 warm-up (full-text sync; wall time, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`, lsp);
}
