/**
 * Hostile inputs: how long one analysis blocks the (single) event loop, and the heap it leaves, per input
 * class. These are the numbers behind the robustness issue's 50 ms / 1 s aims.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseText } from '../server/src/workspace/analyse';
import { makeDockerfile } from './lib/dockerfiles';
import { startClient } from './lib/lspClient';

const SERVER = path.resolve(__dirname, '..', 'dist', 'server.js');

function measure(name: string, kind: 'dockerfile' | 'yaml', make: () => string): string[] {
  const text = make();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const findings = analyseText(kind, text);
  const ms = performance.now() - t0;
  const heap = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  return [name, `${(text.length / 1024 / 1024).toFixed(1)} MB`, ms.toFixed(0), String(findings.length), heap.toFixed(0)];
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const rows = [
    ['input', 'size', 'blocks the event loop (ms)', 'findings', 'heap delta (MB)'],
    measure('2,000-line Dockerfile', 'dockerfile', () => makeDockerfile(2000)),
    measure('20,000-line Dockerfile', 'dockerfile', () => makeDockerfile(20000)),
    measure('one 5 MB line', 'dockerfile', () => 'FROM alpine:3.20\nRUN echo ' + 'x'.repeat(5 * 1024 * 1024) + '\n'),
    measure('50 MB file (over the 20 MB limit)', 'dockerfile', () => 'FROM alpine:3.20\n' + 'RUN echo hi\n'.repeat(4_400_000)),
    measure('NUL bytes (binary)', 'dockerfile', () => 'FROM alpine\u0000\u0001\u0002'.repeat(100_000)),
    measure('YAML alias bomb', 'yaml', () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${bomb.join('\n')}\n`),
    measure('YAML nested 10,000 levels', 'yaml', () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`),
    measure('3,000 documents in one stream', 'yaml', () => Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: n\ndata:\n  k: v\n`).join('---\n')),
  ];
  report('Hostile inputs: one analysis each (workspace/analyse.ts analyseText)', rows);
  await overLsp(report, bomb);
}

/**
 * The same inputs through the language server as an editor meets it: the main thread (lsp/host.ts) only moves
 * messages, the analysis runs in the worker. Per input, a fresh server: time from didOpen to diagnostics, and
 * the longest the host's event loop was ever blocked (its own monitorEventLoopDelay, via drydock/host/stats).
 */
async function overLsp(report: (section: string, rows: string[][]) => void, bomb: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-bench-hostile-'));
  const inputs: Array<[string, 'dockerfile' | 'yaml', () => string]> = [
    ['2,000-line Dockerfile', 'dockerfile', () => makeDockerfile(2000)],
    ['20,000-line Dockerfile', 'dockerfile', () => makeDockerfile(20000)],
    ['100,000-line Dockerfile', 'dockerfile', () => makeDockerfile(100000)],
    ['one 5 MB line', 'dockerfile', () => 'FROM alpine:3.20\nRUN echo ' + 'x'.repeat(5 * 1024 * 1024) + '\n'],
    ['YAML alias bomb', 'yaml', () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${bomb.join('\n')}\n`],
    ['YAML nested 10,000 levels', 'yaml', () => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
    ['3,000 documents in one stream', 'yaml', () => Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: n\ndata:\n  k: v\n`).join('---\n')],
  ];
  const rows = [['input', 'open → diagnostics (ms)', 'host event loop, longest block (ms)', 'worker restarts', 'diagnostics']];
  try {
    for (const [name, kind, make] of inputs) {
      const client = await startClient(process.execPath, [SERVER, '--stdio'], pathToFileURL(dir).href, { diagnostics: { debounceMs: 0 } });
      try {
        const uri = pathToFileURL(path.join(dir, kind === 'yaml' ? 'input.yaml' : 'Dockerfile')).href;
        const ms = await client.open(uri, kind, make());
        const stats = await client.request!<{ eventLoopMaxMs: number; restarts: number }>('drydock/host/stats', {});
        rows.push([name, ms.toFixed(0), stats.eventLoopMaxMs.toFixed(0), String(stats.restarts), String(client.lastDiagnostics?.(uri).length ?? '')]);
      } finally {
        await client.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report('Hostile inputs over LSP: the editor-facing thread while the worker analyses (one fresh server per input)', rows);
}
