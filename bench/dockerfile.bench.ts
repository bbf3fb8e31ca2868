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

/**
 * The machines this runs on change speed from minute to minute (shared hosts), so the two sides are never
 * timed one after the other once: fresh processes alternate, drydock, peer, drydock, peer…, and each
 * side's figure is the median over its processes.
 */
function alternate<T>(rounds: number, run: (side: 'drydock' | 'peer') => T): { drydock: T[]; peer: T[] } {
  const out = { drydock: [] as T[], peer: [] as T[] };
  for (let r = 0; r < rounds; r++) for (const side of ['drydock', 'peer'] as const) out[side].push(run(side));
  return out;
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const rows: string[][] = [['lines', 'Drydock parse+plan+lint, whole file', 'peer validate', 'peer ÷ Drydock', 'Drydock after a one-line edit (incremental)', 'peer ÷ Drydock incremental']];
  const warm = alternate(3, (side) => timeSide<Record<number, { whole: number; incremental?: number }>>(side, 'warm'));
  for (const n of SIZES) {
    const whole = median(warm.drydock.map((r) => r[n].whole));
    const incremental = median(warm.drydock.map((r) => r[n].incremental!));
    const peer = median(warm.peer.map((r) => r[n].whole));
    rows.push([String(n), whole.toFixed(3), peer.toFixed(3), (peer / whole).toFixed(2) + '×', incremental.toFixed(3), (peer / incremental).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in process, warmed up (median CPU ms; each side in processes of its own, alternating, 3 each)', rows);

  const coldRows: string[][] = [['lines', 'Drydock first analysis (ms)', 'peer first validate (ms)', 'peer ÷ Drydock']];
  for (const n of SIZES) {
    const cold = alternate(5, (side) => timeSide<{ first: number }>(side, 'cold', String(n)).first);
    const a = median(cold.drydock);
    const b = median(cold.peer);
    coldRows.push([String(n), a.toFixed(1), b.toFixed(1), (b / a).toFixed(2) + '×']);
  }
  report('Dockerfile analysis in a fresh process: the first file, before the JIT has warmed up (CPU ms, median of 5 processes each, alternating)', coldRows);

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
  // Both servers run at once and take the edits in turn (which goes first alternates), so a change in the
  // machine's speed during the run falls on both alike.
  const servers = [
    ['Drydock', process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { diagnostics: { debounceMs: 0 } }],
    ['dockerfile-language-server-nodejs 0.15.0', process.execPath, [PEER, '--stdio'], undefined],
  ] as Array<[string, string, string[], unknown]>;
  const sides = [];
  for (const [name, cmd, args, init] of servers) {
    const client = await startClient(cmd, args, pathToFileURL(ROOT).href, init);
    const uri = pathToFileURL(path.join(ROOT, 'bench', '.out', `${name.split(' ')[0]}`, 'Dockerfile')).href;
    sides.push({ name, client, uri, open: 0, times: [] as number[] });
  }
  for (const side of sides) side.open = await side.client.open(side.uri, 'dockerfile', text);
  for (const [k, e] of edits.entries()) {
    for (const side of k % 2 ? [...sides].reverse() : sides) side.times.push(await side.client.edit(side.uri, e));
  }
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const { name, client, open, times } of sides) {
    const warm = times.slice(10);
    results[name] = { p50: median(warm), p95: percentile(warm, 95) };
    lsp.push([name, open.toFixed(1), results[name].p50.toFixed(2), results[name].p95.toFixed(2), (client.rssKb() / 1024).toFixed(0)]);
    await client.close();
  }
  const [a, b] = Object.values(results);
  lsp.push(['peer ÷ Drydock', '', (b.p50 / a.p50).toFixed(2) + '×', (b.p95 / a.p95).toFixed(2) + '×', '']);
  report(`Keystroke to diagnostics over LSP, 2,000-line Dockerfile, 50 edits after 10 warm-up, the two servers taking each edit in turn (full-text sync; wall time, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`, lsp);
}
