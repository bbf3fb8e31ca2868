/**
 * One side of the in-process Dockerfile comparison, run in a process of its own so that neither side's
 * JIT state or patched prototypes (Drydock memoises dockerfile-ast getters on the prototypes, see
 * server/src/dockerfile/parse.ts) touch the other's. Drydock's side runs dist/api.js, the bundle
 * `npm run bench` has just built, as the peer runs its own published JavaScript (run from sources through
 * tsx, every call across modules would go through an export getter of tsx's module transform, which no
 * shipped build has).
 *
 *   node --import tsx dockerfileTiming.ts drydock|peer warm      median CPU ms per file size, warmed up
 *   node --import tsx dockerfileTiming.ts drydock|peer cold N    the first analysis of an N-line file in this process
 */
import * as path from 'node:path';
import { makeDockerfile } from './dockerfiles';
import { median } from './lspClient';

export const SIZES = [10, 100, 2000, 8000];

/** What one side does with a whole file, and (Drydock only) with an edited version given the previous one. */
interface Side {
  whole(text: string): void;
  incremental?(text: string, previous: unknown): unknown;
}

function drydock(): Side {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { analyseDockerfile, planLayers } = require(path.join(__dirname, '..', '..', 'dist', 'api.js')) as typeof import('../../server/src/dockerfile/index');
  type Model = ReturnType<typeof analyseDockerfile>['model'];
  return {
    whole: (text) => planLayers(analyseDockerfile(text).model),
    incremental: (text, previous) => {
      const a = analyseDockerfile(text, { previous: previous as Model });
      planLayers(a.model);
      return a.model;
    },
  };
}

function peer(): Side {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dockerfileUtils = require('dockerfile-utils') as { validate(content: string, settings?: unknown): unknown[] };
  return { whole: (text) => dockerfileUtils.validate(text) };
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

/**
 * Median CPU time of `fn` in ms (process.cpuUsage: user + system, the GC's and JIT's threads included),
 * after a warm-up: V8 needs a second or more to compile a code base of Drydock's size with its optimising
 * compiler, and until then a run costs up to ten times more, so a short warm-up would measure the JIT's
 * progress. CPU time rather than wall time because the machines this runs on are shared: a busy neighbour
 * stretches wall time unevenly, while CPU time stays what the work costs.
 */
function timeWarm(fn: () => void): number {
  const warm = performance.now();
  for (let runs = 0; runs < 30 || performance.now() - warm < 3000; runs++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 20 || performance.now() - start < 1500) {
    const c0 = process.cpuUsage();
    fn();
    samples.push(cpuMs(process.cpuUsage(c0)));
  }
  return median(samples);
}

/** The same file after an edit in its middle: a changed line and an inserted one. */
function edited(text: string): string {
  const lines = text.split('\n');
  const at = Math.floor(lines.length / 2);
  return [...lines.slice(0, at), lines[at] + ' ', 'LABEL edit=1', ...lines.slice(at + 1)].join('\n');
}

function warm(side: Side): Record<number, { whole: number; incremental?: number }> {
  const out: Record<number, { whole: number; incremental?: number }> = {};
  for (const n of SIZES) {
    const text = makeDockerfile(n);
    out[n] = { whole: timeWarm(() => side.whole(text)) };
    if (side.incremental) {
      // Alternating with the original so every run sees a new version, analysed from the previous
      // version's model as the server does.
      const other = edited(text);
      let model = side.incremental(text, null);
      let flip = false;
      out[n].incremental = timeWarm(() => {
        flip = !flip;
        model = side.incremental!(flip ? other : text, model);
      });
    }
  }
  return out;
}

/** The first analysis in a fresh process: what opening a file costs before the JIT has seen any of the code. */
function cold(side: Side, n: number): { first: number } {
  const text = makeDockerfile(n);
  const c0 = process.cpuUsage();
  side.whole(text);
  return { first: cpuMs(process.cpuUsage(c0)) };
}

if (require.main === module) {
  const [which, mode, n] = process.argv.slice(2);
  if ((which !== 'drydock' && which !== 'peer') || (mode !== 'warm' && mode !== 'cold')) throw new Error('usage: dockerfileTiming.ts drydock|peer warm|cold [lines]');
  const side = which === 'drydock' ? drydock() : peer();
  console.log(JSON.stringify(mode === 'warm' ? warm(side) : cold(side, Number(n))));
}
