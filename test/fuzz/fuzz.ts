/**
 * `npm run fuzz [-- --runs N --seed S]`: mutates real Dockerfiles and manifests (truncations, byte
 * flips, line shuffles and duplications, inserted unicode and control characters, structure-aware YAML
 * edits) with fast-check and checks every analysis entry point: no exception escapes, each input is
 * analysed within a time bound, every finding's range lies inside the document, and the output is
 * deterministic. A failing input is written to test/fixtures/fuzz/ as a regression fixture (the unit
 * test test/unit/fuzz-regressions.test.ts replays them all).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyseText } from '../../server/src/workspace/analyse';
import { planDockerfile, parseDockerfile, dockerfileSymbols } from '../../server/src/dockerfile/index';
import { parseManifests } from '../../server/src/manifests/index';
import { LineIndex } from '../../server/src/common/text';
import type { FileKind } from '../../server/src/workspace/classify';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'fuzz');
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 1000);

function seeds(dir: string, filter: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter(filter).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

const dockerSeeds = [
  ...seeds(path.join(ROOT, 'test', 'fixtures', 'docker', 'real'), (f) => f.endsWith('.Dockerfile')),
  ...['web', 'api', 'worker'].map((d) => fs.readFileSync(path.join(ROOT, 'examples', 'shop', d, 'Dockerfile'), 'utf8')),
];
const yamlSeeds = [
  ...seeds(path.join(ROOT, 'test', 'fixtures', 'k8s', 'real'), (f) => /\.ya?ml$/.test(f)),
  ...seeds(path.join(ROOT, 'examples', 'shop', 'k8s'), (f) => f.endsWith('.yaml')),
];

const UNICODE = ['😀', 'é', '\u200b', '\ufeff', '\u0000', '\r', '\r\n', '\t', '\\', '`', '$', '${', '"', "'", '<<EOF', '&&', '|', '#', ':', '- ', '*a', '&a ', '!!binary ', '{', '[', ']', '---\n'];

/** One mutation of a text, chosen and parameterised by fast-check. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), code: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), s: fc.constantFrom(...UNICODE) }),
  fc.record({ kind: fc.constant('shuffle' as const), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('random' as const), s: fc.string({ maxLength: 40, unit: 'binary' }), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const pos = (x: number) => Math.floor(x * text.length);
  const lines = text.split('\n');
  const line = (x: number) => Math.min(lines.length - 1, Math.floor(x * lines.length));
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'flip':
      return text.slice(0, pos(m.at)) + String.fromCharCode(m.code) + text.slice(pos(m.at) + 1);
    case 'insert':
      return text.slice(0, pos(m.at)) + m.s + text.slice(pos(m.at));
    case 'random':
      return text.slice(0, pos(m.at)) + m.s + text.slice(pos(m.at));
    case 'shuffle': {
      const [i, j] = [line(m.a), line(m.b)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'duplicate': {
      const i = line(m.at);
      lines.splice(i, 0, ...Array(m.times).fill(lines[i]));
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.at);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** Everything an editor or the CLI would run on a file, checked for the invariants. Throws on a violation. */
export function checkInput(kind: FileKind, text: string): void {
  const t0 = performance.now();
  const findings = analyseText(kind, text);
  if (kind === 'dockerfile') {
    const model = parseDockerfile(text);
    planDockerfile(text);
    dockerfileSymbols(model, text);
  } else {
    parseManifests(text);
  }
  const ms = performance.now() - t0;
  if (ms > TIME_LIMIT_MS) throw new Error(`analysis took ${ms.toFixed(0)} ms (> ${TIME_LIMIT_MS} ms)`);
  const internal = findings.find((f) => f.rule === 'internal-error');
  if (internal) throw new Error(`internal error: ${internal.message}`);
  const idx = new LineIndex(text);
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      if (p.line < 0 || p.line >= idx.lineCount || p.character < 0 || p.character > idx.lineText(p.line).length) {
        throw new Error(`${f.rule}: range ${JSON.stringify(f.range)} outside the document`);
      }
    }
  }
  const again = analyseText(kind, text);
  if (JSON.stringify(again) !== JSON.stringify(findings)) throw new Error('output is not deterministic');
}

function main(): void {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1] || process.env.FUZZ_RUNS || 2000);
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : Date.now() % 2 ** 31;
  const t0 = performance.now();
  let tried = 0;
  let slowest = 0;
  for (const [kind, corpus] of [['dockerfile', dockerSeeds], ['yaml', yamlSeeds]] as Array<[FileKind, string[]]>) {
    if (corpus.length === 0) continue;
    const prop = fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, ms) => {
      const text = ms.reduce(mutate, corpus[i]);
      tried++;
      const s = performance.now();
      try {
        checkInput(kind, text);
      } catch (e) {
        fs.mkdirSync(OUT, { recursive: true });
        const name = `${kind}-${seed}-${tried}.${kind === 'yaml' ? 'yaml' : 'Dockerfile'}`;
        fs.writeFileSync(path.join(OUT, name), text);
        const message = `${(e as Error).message} (input saved as test/fixtures/fuzz/${name})`;
        console.error(`fuzz: input ${tried} failed: ${message}`);
        throw new Error(message);
      }
      slowest = Math.max(slowest, performance.now() - s);
    });
    fc.assert(prop, { numRuns: Math.ceil(runs / 2), seed, endOnFailure: true });
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`fuzz: ${tried} inputs (seed ${seed}) in ${secs.toFixed(1)} s, slowest ${slowest.toFixed(0)} ms, 0 failures`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
