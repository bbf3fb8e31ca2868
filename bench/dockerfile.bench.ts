/**
 * Dockerfiles: parse + plan + lint in process, and keystroke-to-diagnostics over LSP, side by side
 * with dockerfile-language-server-nodejs (the server most editors ship) on the same files and edits.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { makeDockerfile } from './lib/dockerfiles';
import { median, percentile, startClient } from './lib/lspClient';
import { SIZES } from './lib/dockerfileTiming';

const ROOT = path.resolve(__dirname, '..');
const PEER = path.join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');

/** One side of the in-process comparison, timed in a fresh process (bench/lib/dockerfileTiming.ts). */
function timeSide<T>(side: 'drydock' | 'peer', ...mode: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib', 'dockerfileTiming.ts'), side, ...mode], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** The median over `runs` fresh processes of the first analysis of an n-line file. */
function coldMs(side: 'drydock' | 'peer', n: number, runs = 5): number {
  return median(Array.from({ length: runs }, () => timeSide<{ first: number }>(side, 'cold', String(n)).first));
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const rows: string[][] = [['lines', 'Drydock parse+plan+lint, whole file', 'peer validate', 'peer ÷ Drydock', 'Drydock after a one-line edit (incremental)', 'peer ÷ Drydock incremental']];
  const ours = timeSide<Record<number, { whole: number; incremental: number }>>('drydock', 'warm');
  const theirs = timeSide<Record<number, { whole: number }>>('peer', 'warm');
  for (const n of SIZES) {
    const { whole, incremental } = ours[n];
    const peer = theirs[n].whole;
    rows.push([String(n), whole.toFixed(3), peer.toFixed(3), (peer / whole).toFixed(2) + '×', incremental.toFixed(3), (peer / incremental).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in process, warmed up (median CPU ms; each side in a process of its own)', rows);

  const coldRows: string[][] = [['lines', 'Drydock first analysis (ms)', 'peer first validate (ms)', 'peer ÷ Drydock']];
  for (const n of SIZES) {
    const a = coldMs('drydock', n);
    const b = coldMs('peer', n);
    coldRows.push([String(n), a.toFixed(1), b.toFixed(1), (b / a).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in a fresh process: the first file, before the JIT has warmed up (CPU ms, median of 5 processes each)', coldRows);

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
