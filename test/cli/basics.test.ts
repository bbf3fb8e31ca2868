import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function drydock(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-cli-'));
}

test('usage errors exit 2 with a message on stderr', () => {
  const unknown = drydock(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFormat = drydock(['check', 'examples', '--format', 'xml']);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be one of text, json, sarif/);
  const missing = drydock(['check', 'no/such/path']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or directory: no\/such\/path/);
  const badFlag = drydock(['check', '--nope']);
  assert.equal(badFlag.code, 2);
});

test('--help and --version answer and exit 0', () => {
  const help = drydock(['check', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: drydock check/);
  const version = drydock(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

test('bad files give clear findings and never crash the CLI', () => {
  const dir = tmpdir();
  try {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'Dockerfile'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    fs.mkdirSync(path.join(dir, 'latin1'));
    fs.writeFileSync(path.join(dir, 'latin1', 'Dockerfile'), Buffer.concat([Buffer.from('FROM alpine:3.20\nLABEL who="Ren'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'empty', 'Dockerfile'), '');
    fs.mkdirSync(path.join(dir, 'big'));
    const line = 'RUN echo ' + 'y'.repeat(90) + '\n';
    fs.writeFileSync(path.join(dir, 'big', 'Dockerfile'), 'FROM alpine:3.20\n' + line.repeat(Math.ceil((21 * 1024 * 1024) / line.length)));
    const r = drydock(['check', dir, '--format', 'json']);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string; message: string }> }> };
    const by = (dirName: string) => out.files.find((f) => f.path.endsWith(`${dirName}/Dockerfile`))!;
    assert.deepEqual(by('bin').findings.map((f) => f.rule), ['binary-file']);
    assert.ok(by('latin1').findings.some((f) => f.rule === 'invalid-encoding'));
    assert.ok(by('empty').findings.some((f) => f.rule === 'missing-from'));
    assert.deepEqual(by('big').findings.map((f) => f.rule), ['file-too-large']);
    assert.equal(r.code, 1, 'missing-from in the empty Dockerfile is an error');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('YAML that is not a manifest is left alone, node_modules and .git are skipped', () => {
  const dir = tmpdir();
  try {
    fs.writeFileSync(path.join(dir, 'docker-compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'Dockerfile'), 'RUNN nothing\n');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'Dockerfile'), 'RUNN nothing\n');
    const r = drydock(['check', dir, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { files: [] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--rule turns a rule off or changes its severity, which changes the exit code', () => {
  const dir = tmpdir();
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUNN x\n');
    const plain = drydock(['check', dir, '--format', 'json']);
    assert.equal(plain.code, 1);
    const off = drydock(['check', dir, '--format', 'json', '--rule', 'unknown-instruction=off']);
    const offFindings = JSON.parse(off.stdout).files[0].findings as Array<{ rule: string }>;
    assert.ok(!offFindings.some((x) => x.rule === 'unknown-instruction'));
    const info = drydock(['check', dir, '--format', 'json', '--rule', 'unknown-instruction=info']);
    const infoFinding = (JSON.parse(info.stdout).files[0].findings as Array<{ rule: string; severity: string }>).find((x) => x.rule === 'unknown-instruction');
    assert.equal(infoFinding?.severity, 'info');
    const bad = drydock(['check', dir, '--rule', 'unknown-instruction=loud']);
    assert.equal(bad.code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
