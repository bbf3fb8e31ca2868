import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { allCommands, commandName, parseShell } from '../../../server/src/dockerfile/shell/index';

const words = (src: string) => allCommands(parseShell(src), src, 0).map((c) => c.words.map((w) => w.value));

test('commands split on && || ; | & and newlines, with quotes and escapes removed', () => {
  assert.deepEqual(words(`a 'b c' "d \\"e\\"" f\\ g && h || i; j | k & l`), [['a', 'b c', 'd "e"', 'f g'], ['h'], ['i'], ['j'], ['k'], ['l']]);
  const s = parseShell('a && b | c');
  assert.deepEqual(s.commands.map((c) => c.op), ['&&', '|', null]);
});

test('Dockerfile continuations and comment lines inside them are dropped; positions stay exact', () => {
  const src = 'apt-get install -y \\\n    # the tools\n    curl \\\n    git';
  const cmds = allCommands(parseShell(src), src, 0);
  assert.deepEqual(cmds[0].words.map((w) => w.value), ['apt-get', 'install', '-y', 'curl', 'git']);
  const git = cmds[0].words[4];
  assert.equal(src.slice(git.start, git.end), 'git');
  const backtick = parseShell('echo a `\n  b', { continuation: '`' });
  assert.deepEqual(backtick.commands[0].words.map((w) => w.value), ['echo', 'a', 'b']);
});

test('redirections and their targets are not arguments; assignments are kept apart', () => {
  const [c] = parseShell('DEBIAN_FRONTEND=noninteractive apt-get install -y curl >/dev/null 2>&1 < in.txt').commands;
  assert.deepEqual(c.assignments.map((w) => w.value), ['DEBIAN_FRONTEND=noninteractive']);
  assert.deepEqual(c.words.map((w) => w.value), ['apt-get', 'install', '-y', 'curl']);
  assert.equal(commandName(parseShell('/usr/bin/apt-get update').commands[0]), 'apt-get');
});

test('sh -c strings are parsed as scripts with positions inside the quotes', () => {
  const src = `sh -c "cd /src && make install"`;
  const cmds = allCommands(parseShell(src), src, 0);
  assert.deepEqual(cmds.map((c) => c.words[0].value), ['sh', 'cd', 'make']);
  const make = cmds[2].words[0];
  assert.equal(src.slice(make.start, make.end), 'make');
});

test('command substitutions stay inside their word', () => {
  assert.deepEqual(words('echo "$(uname -m)" $(date +%s) `id -u`'), [['echo', '$(uname -m)', '$(date +%s)', '`id -u`']]);
});
