import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../../server/src/dockerfile/index';
import { formatDockerfile, type FormatEdit } from '../../../server/src/dockerfile/format';
import { LineIndex } from '../../../server/src/common/text';

const SPACES = { tabSize: 4, insertSpaces: true };

function apply(text: string, edits: FormatEdit[]): string {
  const lines = new LineIndex(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))) {
    out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  }
  return out;
}

const format = (text: string, o = SPACES) => apply(text, formatDockerfile(parseDockerfile(text), text, o));

test('continuation lines are indented one level, keeping their nesting; comments and blank lines stay as written', () => {
  const text = [
    'from debian:12 as build',
    'run apt-get update \\',
    '&& apt-get install -y \\',
    '      curl \\',
    '  # a comment inside, left alone',
    '&& rm -rf /var/lib/apt/lists/*',
    'RUN for f in a b; do \\',
    '            echo $f; \\',
    '        done',
    '',
  ].join('\n');
  assert.equal(format(text), [
    'FROM debian:12 AS build',
    'RUN apt-get update \\',
    '    && apt-get install -y \\',
    '          curl \\',
    '  # a comment inside, left alone',
    '    && rm -rf /var/lib/apt/lists/*',
    'RUN for f in a b; do \\',
    '        echo $f; \\',
    '    done',
    '',
  ].join('\n'));
});

test('indentation that is part of a value is left alone: inside quotes, or glued to the word before the escape', () => {
  const text = 'FROM alpine\nRUN echo hello\\\nworld \\\n&& echo "a \\\nb"\nENV MSG="one \\\ntwo"\n';
  assert.equal(format(text), 'FROM alpine\nRUN echo hello\\\nworld \\\n    && echo "a \\\nb"\nENV MSG="one \\\ntwo"\n');
});

test('heredocs are left exactly as written, and tabs are used when the editor asks for them', () => {
  const heredoc = 'FROM alpine:3.20\nRUN <<EOF\n  apk add curl\nEOF\nCOPY <<-X /etc/x\n\tvalue\n\tX\n';
  assert.equal(format(heredoc), heredoc);
  assert.equal(format('FROM alpine\nRUN a \\\n  && b \\\n      && c\n', { tabSize: 4, insertSpaces: false }), 'FROM alpine\nRUN a \\\n\t&& b \\\n\t\t&& c\n');
});

test('the backtick escape directive continues lines too', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\nWrite-Host hi\n';
  assert.equal(format(text), '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\n');
});

test('formatting every fixture keeps what each instruction means and is stable (a second pass changes nothing)', () => {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'docker', 'real');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('Dockerfile'));
  assert.ok(files.length > 5);
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const once = format(text);
    assert.equal(format(once), once, `${f}: second pass`);
    const before = parseDockerfile(text);
    const after = parseDockerfile(once);
    // What the builder reads: each instruction's argument values (continuations joined), upper-cased AS aside.
    const summary = (m: typeof before) => [...m.preamble, ...m.stages.flatMap((s) => [s.from, ...s.steps])].map((s) =>
      [s.instruction, s.node.getArguments().map((a) => (/^as$/i.test(a.getValue()) ? 'AS' : a.getValue())), s.range.start.line, s.range.end.line]);
    assert.deepEqual(summary(after), summary(before), f);
  }
});
