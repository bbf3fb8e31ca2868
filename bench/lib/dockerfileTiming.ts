/**
 * One side of the in-process Dockerfile comparison, run in a process of its own so that neither side's
 * JIT state or patched prototypes (Drydock memoises dockerfile-ast getters on the prototypes, see
 * server/src/dockerfile/parse.ts) touch the other's: `node --import tsx dockerfileTiming.ts drydock|peer`
 * prints one JSON line, the median CPU ms per file size (and, for Drydock, after a one-line edit).
 */
import { makeDockerfile } from './dockerfiles';
import { median } from './lspClient';

export const SIZES = [10, 100, 2000, 8000];

/**
 * Median CPU time of `fn` in ms (process.cpuUsage: user + system, GC threads included), after a warm-up
 * of the same length. CPU time rather than wall time because the machines this runs on are shared: a busy
 * neighbour stretches wall time unevenly, while CPU time stays what the work costs.
 */
function timeIt(fn: () => void, minRuns: number, minMs: number): number {
  const warm = performance.now();
  while (performance.now() - warm < minMs) fn();
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

/** The same file after an edit in its middle: a changed line and an inserted one. */
function edited(text: string): string {
  const lines = text.split('\n');
  const at = Math.floor(lines.length / 2);
  return [...lines.slice(0, at), lines[at] + ' ', 'LABEL edit=1', ...lines.slice(at + 1)].join('\n');
}

function drydock(): Record<number, { whole: number; incremental: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyseDockerfile, planLayers } = require('../../server/src/dockerfile/index') as typeof import('../../server/src/dockerfile/index');
  const out: Record<number, { whole: number; incremental: number }> = {};
  for (const n of SIZES) {
    const text = makeDockerfile(n);
    const whole = timeIt(() => planLayers(analyseDockerfile(text).model), 20, 500);
    // Alternating with the original so every run sees a new version, analysed from the previous
    // version's model as the server does.
    const other = edited(text);
    let model = analyseDockerfile(text).model;
    let flip = false;
    const incremental = timeIt(() => {
      flip = !flip;
      const a = analyseDockerfile(flip ? other : text, { previous: model });
      planLayers(a.model);
      model = a.model;
    }, 20, 500);
    out[n] = { whole, incremental };
  }
  return out;
}

function peer(): Record<number, { whole: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dockerfileUtils = require('dockerfile-utils') as { validate(content: string, settings?: unknown): unknown[] };
  const out: Record<number, { whole: number }> = {};
  for (const n of SIZES) {
    const text = makeDockerfile(n);
    out[n] = { whole: timeIt(() => dockerfileUtils.validate(text), 20, 500) };
  }
  return out;
}

if (require.main === module) {
  const side = process.argv[2];
  if (side !== 'drydock' && side !== 'peer') throw new Error('usage: dockerfileTiming.ts drydock|peer');
  console.log(JSON.stringify(side === 'drydock' ? drydock() : peer()));
}
