import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planDockerfile, matchSource, tarEntryBytes, parseDockerignore } from '../../../server/src/dockerfile/index';
import type { BuildContextInfo } from '../../../server/src/dockerfile/index';

const ctx = (files: Record<string, number>, dockerignore?: string): BuildContextInfo => ({
  root: '/ctx',
  files: Object.entries(files).map(([path, size]) => ({ path, size })),
  dockerignore: dockerignore === undefined ? null : { path: '/ctx/.dockerignore', text: dockerignore },
});

test('layer kinds follow BuildKit: RUN/COPY/ADD and WORKDIR (not /) make layers, the rest is config', () => {
  const plan = planDockerfile('FROM alpine:3.20\nWORKDIR /app\nWORKDIR /\nENV A=1\nRUN true\nCOPY a b\nLABEL x=y\nEXPOSE 80\nUSER 1\nCMD ["x"]\n');
  assert.deepEqual(plan.stages[0].steps.map((s) => [s.instruction, s.kind]), [
    ['WORKDIR', 'layer'], ['WORKDIR', 'config'], ['ENV', 'config'], ['RUN', 'layer'], ['COPY', 'layer'], ['LABEL', 'config'], ['EXPOSE', 'config'], ['USER', 'config'], ['CMD', 'config'],
  ]);
});

test('COPY sizes come from the context after .dockerignore; tar bytes count headers, padding and the end blocks', () => {
  const context = ctx({ 'package.json': 700, 'src/app.js': 1500, 'src/util.js': 10, 'node_modules/x/index.js': 99999, 'debug.log': 5 }, 'node_modules\n*.log\n');
  const plan = planDockerfile('FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nCOPY src/ ./src/\nCOPY . .\n', { context });
  const [workdir, pkg, src, all] = plan.stages[0].steps;
  assert.equal(workdir.tarBytes, 512 + 1024);
  assert.equal(pkg.sizeBytes, 700);
  assert.equal(pkg.tarBytes, tarEntryBytes('package.json', 700) + 512 /* the destination dir */ + 1024);
  assert.equal(src.sizeBytes, 1510);
  assert.equal(src.files, 2);
  assert.equal(all.sizeBytes, 700 + 1500 + 10, 'node_modules and *.log are ignored');
  assert.equal(tarEntryBytes('a', 0), 512);
  assert.equal(tarEntryBytes('a', 1), 1024);
  assert.equal(tarEntryBytes('a', 512), 1024);
  assert.equal(tarEntryBytes('x'.repeat(120), 10), 512 + 512 + 1024, 'a long name needs an extra header and name block');
  assert.equal(plan.image.knownBytes, workdir.tarBytes! + pkg.tarBytes! + src.tarBytes! + all.tarBytes!);
});

test('COPY sources: files, directories, globs per path segment', () => {
  const files = ['a.txt', 'b.md', 'dir/c.txt', 'dir/sub/d.txt', 'dirx/e.txt'].map((path) => ({ path, size: 1 }));
  const names = (s: string) => matchSource(s, files).map((f) => f.path);
  assert.deepEqual(names('a.txt'), ['a.txt']);
  assert.deepEqual(names('./dir'), ['dir/c.txt', 'dir/sub/d.txt']);
  assert.deepEqual(names('*.txt'), ['a.txt']);
  assert.deepEqual(names('dir*/*.txt'), ['dir/c.txt', 'dirx/e.txt']);
  assert.deepEqual(names('[ab].*'), ['a.txt', 'b.md']);
  assert.equal(names('.').length, 5);
});

test('.dockerignore follows Docker: ** , ?, classes, ! exceptions, leading /, last match wins, parents', () => {
  const m = parseDockerignore('# comment\n/build\n**/*.log\n!keep.log\ndocs/\nd?r\n[abc]at\nsecret/\n!secret/public.txt\n');
  const cases: Array<[string, boolean]> = [
    ['build/out.js', true], ['src/build/out.js', false], ['a.log', true], ['x/y/z.log', true], ['keep.log', false],
    ['docs/index.md', true], ['dir/file', true], ['bat', true], ['dat', false], ['secret/key.pem', true], ['secret/public.txt', false], ['src/app.js', false],
  ];
  for (const [p, want] of cases) assert.equal(m.ignores(p), want, p);
  assert.equal(m.hasExceptions, true);
});

test('ARG scoping and build-args: global ARGs reach FROM; inside a stage only when re-declared', () => {
  const text = 'ARG VARIANT=alpine\nFROM node:20-${VARIANT} AS base\nARG VARIANT\nARG APP=web\nCOPY ${APP}/ /srv/${APP}/\nRUN echo build\n';
  const context = ctx({ 'web/a.js': 100, 'api/b.js': 300 });
  const plain = planDockerfile(text, { context });
  assert.equal(plain.stages[0].steps[2].sizeBytes, 100);
  assert.ok(plain.stages[0].steps[3].inputs.includes('arg:APP=web'), JSON.stringify(plain.stages[0].steps[3].inputs));
  const api = planDockerfile(text, { context, buildArgs: { APP: 'api' } });
  assert.equal(api.stages[0].steps[2].sizeBytes, 300);
});

test('a changed file rebuilds the first step that reads it, the rest of its stage, and stages built on it', () => {
  const text = 'FROM node:20 AS deps\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src/ ./src/\nRUN npm run build\nFROM nginx:1.27 AS web\nCOPY --from=deps /app/dist /usr/share/nginx/html\nFROM alpine:3.20 AS tools\nRUN echo unrelated\n';
  const context = ctx({ 'package.json': 10, 'src/a.js': 10 });
  const rebuilt = (changed: string[], target?: string) => {
    const plan = planDockerfile(text, { context, changed, target });
    return plan.stages.flatMap((s) => s.steps.filter((x) => x.rebuilds).map((x) => `${s.name}:${x.line + 1}`));
  };
  assert.deepEqual(rebuilt(['src/a.js']), ['deps:5', 'deps:6', 'web:8']);
  assert.deepEqual(rebuilt(['package.json']), ['deps:3', 'deps:4', 'deps:5', 'deps:6', 'web:8']);
  assert.deepEqual(rebuilt(['README.md']), []);
  const plan = planDockerfile(text, { context, target: 'web' });
  assert.deepEqual(plan.stages.map((s) => s.skipped), [false, false, true], 'tools is not needed by web');
  assert.equal(plan.target, 'web');
});

test('a build-arg change rebuilds from the first step that uses it (RUN sees every ARG in scope)', () => {
  const text = 'FROM alpine:3.20\nCOPY a /a\nARG VERSION=1\nLABEL v=$VERSION\nRUN echo hi\nRUN echo again\n';
  const plan = planDockerfile(text, { context: ctx({ a: 1 }), changed: ['arg:VERSION'] });
  assert.deepEqual(plan.stages[0].steps.map((s) => s.rebuilds), [false, false, true, true, true]);
});

test('an unknown target is an error; the final image is the target chain through stage bases', () => {
  assert.throws(() => planDockerfile('FROM alpine:3.20\n', { target: 'nope' }), /target stage "nope" not found/);
  const plan = planDockerfile('FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base AS app\nCOPY a /a\n', { context: ctx({ a: 5 }) });
  assert.deepEqual(plan.image.layers, [{ stage: 0, step: 0 }, { stage: 1, step: 0 }]);
  assert.equal(plan.image.base, 'alpine:3.20');
  assert.equal(plan.image.unknownLayers, 1);
});

test('arguments are kept as written, flags included, continuations joined', () => {
  const plan = planDockerfile('FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b --chmod=644 \\\n  # a comment\n  /x /y\n');
  assert.equal(plan.stages[1].steps[0].arguments, '--from=b --chmod=644 /x /y');
});
