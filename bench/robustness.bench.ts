/**
 * Hostile inputs: how long one analysis blocks the (single) event loop, and the heap it leaves, per input
 * class. These are the numbers behind the robustness issue's 50 ms / 1 s aims.
 */
import { analyseText } from '../server/src/workspace/analyse';
import { makeDockerfile } from './lib/dockerfiles';

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
}
