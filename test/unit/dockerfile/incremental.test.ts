import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { analyseDockerfile, parseDockerfile, parseDockerfileIncremental, planLayers, type DockerfileModel } from '../../../server/src/dockerfile/index';
import { compareFindings } from '../../../server/src/common/types';
import { matchLines } from '../../../server/src/dockerfile/parse';
import { DOCKERFILE_RULES } from '../../../server/src/dockerfile/rules/index';
import { makeDockerfile } from '../../../bench/lib/dockerfiles';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'docker');

function fixtureTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Dockerfile/.test(e.name)) out.push([path.relative(FIXTURES, p), fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(FIXTURES);
  return out;
}

/** Hand-written files for what fixtures rarely have: heredocs, the backtick escape, CRLF, comments in continuations. */
const EDGE: Array<[string, string]> = [
  ['heredocs', 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add curl\nEOF\nCOPY <<-"A" <<B /x/\n\tone\n\tA\ntwo\nB\nRUN echo done\n'],
  ['escape', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi `\n    ; exit 0\nCOPY a.txt C:/a/\nWORKDIR C:\\\\app\n'],
  ['crlf', 'FROM debian:12\r\nRUN apt-get update \\\r\n  # a comment inside\r\n  && apt-get install -y curl\r\nENV A=1 B=2\r\nCMD ["sh"]\r\n'],
  ['stages', 'ARG BASE=alpine:3.20\nFROM $BASE AS build\nARG V\nRUN echo $V > /v\nFROM build AS test\nRUN cat /v\nFROM scratch\nCOPY --from=build /v /v\n'],
  ['byte order mark', '\ufeffFROM alpine:3.20\nRUN echo hi\n'],
  ['byte order mark and directive', '\ufeff# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hi\n'],
];

/** Every rule's bad and good examples in one file (so each rule has something to find), and a generated file. */
const EXAMPLES: Array<[string, string]> = [
  ['rule examples', DOCKERFILE_RULES.flatMap((r) => [r.meta.examples.bad, r.meta.examples.good]).join('\n')],
  ['generated', makeDockerfile(120)],
];

/** Fragments an edit inserts: the characters that change where instructions start and end. */
const SNIPPETS = [' <<EOF', ' \\', ' <<-X\n', '\n', '\\\n', '\\', ' ', '#', '# c\n', '<<EOF\n', 'EOF\n', '\nEOF\n', 'RUN x', '\nRUN echo hi\n', 'FROM a AS b\n', '\r\n', '`\n', '"', '[', ']', '$X', '${Y:-z}', '--mount=type=cache,target=/c ', 'COPY . .\n', 'ARG Z=1\n', '\t'];

/** What an instruction says about itself, as plain data (positions copied at this moment). */
function signature(n: Instruction): unknown {
  const node = n as unknown as Record<string, (() => unknown) | undefined>;
  const call = (name: string) => (typeof node[name] === 'function' ? JSON.parse(JSON.stringify(node[name]!.call(n) ?? null, (_k, v) => (v && typeof v === 'object' && 'document' in v ? plain(v) : v))) : undefined);
  return {
    keyword: n.getKeyword(), range: n.getRange(), instructionRange: n.getInstructionRange(),
    args: n.getArguments().map((a) => [a.getValue(), a.getRange()]),
    argumentsRange: n.getArgumentsRange(),
    flags: call('getFlags'), heredocs: call('getHeredocs'), json: call('getJSONStrings'), properties: call('getProperties'),
  };
}

/** An ast object's data fields without its document and parent links. */
function plain(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'document' && k !== 'dockerfile') out[k] = x;
  return out;
}

function snapshot(model: DockerfileModel): string {
  return JSON.stringify({
    instructions: model.ast.getInstructions().map(signature),
    escape: model.ast.getEscapeCharacter(),
    preamble: model.preamble.map((s) => [s.instruction, s.arguments, s.range, s.keywordRange]),
    stages: model.stages.map((st) => [st.index, st.name, st.base, [st.from, ...st.steps].map((s) => [s.instruction, s.arguments, s.range, s.keywordRange])]),
  });
}

function findingsOf(text: string, previous?: DockerfileModel): { json: string; model: DockerfileModel } {
  const a = analyseDockerfile(text, { previous });
  const plan = planLayers(a.model);
  return { json: JSON.stringify({ findings: [...a.findings].sort(compareFindings), plan }), model: a.model };
}

interface Edit {
  at: number;
  /** Move the edit to the end of its line (where continuations and heredoc openers go). */
  lineEnd: boolean;
  remove: number;
  insert: string;
}

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  lineEnd: fc.boolean(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }).map((a) => a.join('')), fc.string({ maxLength: 6 })),
});

function apply(text: string, e: Edit): string {
  let at = Math.floor(e.at * (text.length + 1));
  if (e.lineEnd) {
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    if (e.remove > 3) e = { ...e, remove: 0 };
  }
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

test('dockerfile-ast driven one instruction at a time finds what DockerfileParser.parse finds, on every fixture', () => {
  for (const [name, text] of [...fixtureTexts(), ...EDGE]) {
    const full = DockerfileParser.parse(text);
    const ours = parseDockerfile(text);
    assert.equal(JSON.stringify(ours.ast.getInstructions().map(signature)), JSON.stringify(full.getInstructions().map(signature)), name);
    assert.equal(ours.ast.getEscapeCharacter(), full.getEscapeCharacter(), name);
  }
});

test('an incremental parse after random edits gives the same model, findings and plan as a full analysis', () => {
  const files = [...fixtureTexts(), ...EDGE, ...EXAMPLES, ...EXAMPLES];
  assert.ok(files.length >= 10, 'fixtures found');
  fc.assert(
    // Each version applies one to three edits at once, as a full-text sync sends them.
    fc.property(fc.constantFrom(...files), fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), ([, original], versions: Edit[][]) => {
      let text = original;
      let prev = findingsOf(text).model;
      for (const edits of versions) {
        for (const e of edits) text = apply(text, e);
        const inc = findingsOf(text, prev);
        // Compare before anything else parses: the full analysis below shares nothing with `inc`.
        const incModel = snapshot(inc.model);
        const full = findingsOf(text);
        assert.equal(incModel, snapshot(full.model));
        assert.equal(inc.json, full.json);
        prev = inc.model;
      }
    }),
    { numRuns: 300, seed: 20261201 },
  );
});

test('an edit inside one instruction re-parses a few instructions and moves the rest', () => {
  const text = fixtureTexts().find(([n]) => n.includes('php'))![1];
  const lines = text.split('\n');
  const first = parseDockerfile(text);
  const total = first.ast.getInstructions().length;
  const at = Math.floor(lines.length / 2);
  const edited = [...lines.slice(0, at), 'LABEL inserted=yes', ...lines.slice(at)].join('\n');
  const next = parseDockerfileIncremental(edited, first);
  assert.equal(next.parsed.stats.full, false);
  assert.ok(next.parsed.stats.parsed <= 4, `parsed ${next.parsed.stats.parsed} of ${total + 1}`);
  assert.equal(next.ast.getInstructions().length, total + 1);
  assert.equal(snapshot(next), snapshot(parseDockerfile(edited)));
});

test('edits that open a heredoc or a continuation re-parse until the old instructions line up again', () => {
  const text = 'FROM alpine:3.20\nRUN echo a\nRUN echo b\nRUN echo c\nEOF\nRUN echo d\n';
  for (const [from, to] of [['RUN echo a\n', 'RUN cat <<EOF\n'], ['RUN echo a\n', 'RUN echo a \\\n'], ['# escape', '# escape']]) {
    const edited = text.replace(from, to);
    const next = parseDockerfileIncremental(edited, parseDockerfile(text));
    assert.equal(snapshot(next), snapshot(parseDockerfile(edited)), `${JSON.stringify(from)} → ${JSON.stringify(to)}`);
  }
  // A parser directive changes every instruction: the whole file is parsed again.
  const directive = 'FROM alpine\nRUN a `\n  b\n';
  const withEscape = '# escape=`\n' + directive;
  const next = parseDockerfileIncremental(withEscape, parseDockerfile(directive));
  assert.equal(next.parsed.stats.full, true);
  assert.equal(snapshot(next), snapshot(parseDockerfile(withEscape)));
});

test('the line diff keeps a longest common subsequence of lines', () => {
  const lcs = (a: string[], b: string[]) => {
    const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
  };
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 25 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 25 }), (a, b) => {
      const m = matchLines(a, b, 60)!;
      let last = -1;
      let kept = 0;
      for (let i = 0; i < a.length; i++) {
        if (m[i] < 0) continue;
        assert.ok(m[i] > last, 'kept lines stay in order');
        assert.equal(b[m[i]], a[i]);
        last = m[i];
        kept++;
      }
      assert.equal(kept, lcs(a, b));
    }),
    { numRuns: 500, seed: 7 },
  );
});

test('two far-apart changes in one version (full-text sync) re-parse only around each change', () => {
  const base = fixtureTexts().find(([n]) => n.includes('php'))![1];
  const lines = base.split('\n');
  const variant = (at: number, k: number) => {
    const copy = lines.slice();
    copy[at] += ' ';
    copy.splice(at + 1, 0, `LABEL edit=${k}`);
    return copy.join('\n');
  };
  const a = variant(10, 1);
  const b = variant(lines.length - 20, 2);
  const next = parseDockerfileIncremental(b, parseDockerfile(a));
  assert.equal(next.parsed.stats.full, false);
  assert.ok(next.parsed.stats.parsed <= 8, `parsed ${next.parsed.stats.parsed} of ${next.ast.getInstructions().length}`);
  assert.equal(snapshot(next), snapshot(parseDockerfile(b)));
});

test('an edit in a stage re-checks the stages built on it (inherited ARGs and WORKDIR)', () => {
  const text = [
    'FROM scratch AS base', 'ARG APP_DIR=app', 'WORKDIR /srv', 'ENV A=1', 'ENV B=2', 'ENV C=3',
    'FROM base AS child', 'COPY x /opt/$APP_DIR/', 'COPY y rel/',
    'FROM alpine:3.20 AS other', 'RUN echo other', '',
  ].join('\n');
  const edited = text.replace('ARG APP_DIR=app\nWORKDIR /srv', 'ARG APP_DR=app\nLABEL a=b');
  const before = findingsOf(text);
  const after = findingsOf(edited, before.model);
  assert.equal(after.json, findingsOf(edited).json);
  const rules = (json: string) => (JSON.parse(json) as { findings: Array<{ rule: string; range: { start: { line: number } } }> }).findings.filter((f) => f.range.start.line >= 6 && f.range.start.line <= 8).map((f) => f.rule).sort();
  // The child stage's instructions are the same objects after the incremental parse: only its cache entry can be wrong.
  assert.ok(after.model.stages[1].steps[0].node === before.model.stages[1].steps[0].node);
  assert.deepEqual(rules(before.json), []);
  assert.deepEqual(rules(after.json), ['DL3045', 'UndefinedVar'], 'the child stage, unchanged itself, is checked again');
});

test("memoised getters answer as dockerfile-ast does, in any order (getArguments' flag shifting never reaches the raw arguments)", () => {
  const text = 'FROM --platform=linux/amd64 alpine:3.20 AS a\nCOPY --from=a --chmod=644 x y /z/\nRUN --mount=type=cache,target=/c --network=none echo hi\nCOPY --link ["a", "b"]\n';
  const ask = (n: Instruction) => {
    const node = n as unknown as Record<string, () => Array<{ getValue(): string }>>;
    const values = (name: string) => node[name]().map((a) => a.getValue());
    return JSON.stringify([values('getArguments'), values('getRawArguments'), values('getArguments'), values('getRawArguments')]);
  };
  assert.deepEqual(parseDockerfile(text).ast.getInstructions().map(ask), DockerfileParser.parse(text).getInstructions().map(ask));
});
