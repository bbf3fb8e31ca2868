import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const drydock = (args: string[], cwd = ROOT) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface JsonFinding { rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface JsonReport { files: Array<{ path: string; findings: JsonFinding[] }> }

const SEVERITIES = ['error', 'warning', 'info', 'hint'];

test('check examples --format json follows the README contract and finds the deliberate manifest mistakes', () => {
  const r = drydock(['check', 'examples', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr); // the example shop has warnings but no error
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(Object.keys(report), ['files']);
  const texts = new Map<string, string[]>();
  for (const file of report.files) {
    assert.equal(typeof file.path, 'string');
    assert.ok(!path.isAbsolute(file.path), 'paths are relative to the working directory');
    const lines = fs.readFileSync(path.join(ROOT, file.path), 'utf8').split(/\r?\n/);
    texts.set(file.path, lines);
    for (const f of file.findings) {
      assert.deepEqual(Object.keys(f).filter((k) => ['rule', 'severity', 'message', 'range'].includes(k)).sort(), ['message', 'range', 'rule', 'severity']);
      assert.ok(SEVERITIES.includes(f.severity), f.severity);
      assert.ok(f.message.length > 0);
      const { start, end } = f.range;
      assert.ok(start.line >= 0 && start.line < lines.length && end.line < lines.length, `${file.path} ${f.rule} range in bounds`);
      assert.ok(start.character <= lines[start.line].length && end.character <= lines[end.line].length, `${file.path} ${f.rule} columns in bounds`);
    }
  }
  // Each manifest mistake listed in examples/README.md, at the text it is about.
  const at = (file: string, rule: string) => {
    const f = report.files.find((x) => x.path === `examples/shop/k8s/${file}`)?.findings.find((x) => x.rule === rule);
    assert.ok(f, `${rule} in ${file}`);
    const line = texts.get(`examples/shop/k8s/${file}`)![f.range.start.line];
    return line.slice(f.range.start.character, f.range.start.line === f.range.end.line ? f.range.end.character : undefined);
  };
  assert.match(at('api.yaml', 'dangling-service'), /selector/);
  assert.equal(at('api.yaml', 'drydock/missing-key'), 'DB_PASSWORD');
  assert.equal(at('api.yaml', 'latest-tag'), 'shop/api:latest');
  assert.equal(at('worker.yaml', 'drydock/missing-configmap'), 'worker-config');
  assert.equal(at('ingress.yaml', 'dangling-ingress'), 'https');
  // docker-compose.yaml is not a manifest: not reported.
  assert.ok(!report.files.some((f) => f.path.endsWith('docker-compose.yaml')));
});

test('check examples --format text prints path:line:col severity rule: message and a summary', () => {
  const r = drydock(['check', 'examples']);
  assert.equal(r.code, 0);
  const json = JSON.parse(drydock(['check', 'examples', '--format', 'json']).stdout) as JsonReport;
  const lines = r.stdout.trim().split('\n');
  const all = json.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
  for (const f of all) {
    const expect = `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`;
    assert.ok(lines.includes(expect), `text line for ${f.rule}: ${expect}`);
  }
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  assert.match(lines.at(-1)!, new RegExp(`^${json.files.length} file\\(s\\) checked: ${count('error')} error\\(s\\), ${count('warning')} warning\\(s\\), ${count('info')} info`));
});

test('check examples --format sarif is SARIF 2.1.0 with a rule for every result and 1-based regions', () => {
  const r = drydock(['check', 'examples', '--format', 'sarif']);
  assert.equal(r.code, 0);
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  assert.match(s.$schema, /sarif-2\.1\.0/);
  assert.equal(s.runs.length, 1);
  const run = s.runs[0];
  assert.equal(run.tool.driver.name, 'drydock');
  const ruleIds: string[] = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.equal(new Set(ruleIds).size, ruleIds.length, 'each rule listed once');
  const json = JSON.parse(drydock(['check', 'examples', '--format', 'json']).stdout) as JsonReport;
  const all = json.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
  assert.equal(run.results.length, all.length);
  const level: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  for (const res of run.results) {
    assert.equal(ruleIds[res.ruleIndex], res.ruleId);
    assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
    const loc = res.locations[0].physicalLocation;
    const match = all.find((f) => f.path === loc.artifactLocation.uri && f.rule === res.ruleId && f.range.start.line + 1 === loc.region.startLine && f.range.start.character + 1 === loc.region.startColumn);
    assert.ok(match, `SARIF result ${res.ruleId} at ${loc.artifactLocation.uri}:${loc.region.startLine} matches a JSON finding`);
    assert.equal(res.level, level[match.severity]);
    assert.equal(res.message.text, match.message);
  }
  for (const id of ['dangling-service', 'drydock/missing-key', 'latest-tag', 'drydock/missing-configmap', 'dangling-ingress']) assert.ok(ruleIds.includes(id), id);
});

test('exit codes: 0 below --fail-on, 1 at or above it, 0 with --exit-zero, 2 on usage errors; manifest errors fail by default', () => {
  assert.equal(drydock(['check', 'examples', '--fail-on', 'warning']).code, 1);
  assert.equal(drydock(['check', 'examples', '--fail-on', 'info', '--exit-zero']).code, 0);
  assert.equal(drydock(['check', 'examples', '--fail-on', 'loud']).code, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-check-'));
  try {
    // A duplicate resource and a plain-text secret: the first is an error, the second a warning whose value is never printed.
    fs.writeFileSync(path.join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/c:1.0\n      env:\n        - name: DB_PASSWORD\n          value: s3cr3t-hunter2\n');
    for (const format of ['text', 'json', 'sarif']) {
      const r = drydock(['check', dir, '--format', format]);
      assert.equal(r.code, 1, `${format}: an error-level finding fails the run`);
      assert.match(r.stdout, /drydock\/duplicate-resource/);
      assert.match(r.stdout, /env-var-secret/);
      assert.doesNotMatch(r.stdout, /s3cr3t-hunter2/, `${format} never prints the secret`);
    }
    const off = drydock(['check', dir, '--rule', 'drydock/duplicate-resource=off']);
    assert.equal(off.code, 0, off.stdout);
    // Suppressed by comment: the error is gone.
    fs.writeFileSync(path.join(dir, 'app.yaml'), '# drydock-ignore duplicate-resource\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n# drydock-ignore duplicate-resource\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    assert.equal(drydock(['check', dir]).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check honours the nearest .hadolint.yaml: ignored, override, trustedRegistries, label-schema, failure-threshold; --rule wins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-hadolint-'));
  const rulesOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as JsonReport).files.flatMap((f) => f.findings.map((x) => `${x.rule}:${x.severity}`));
  try {
    const dockerfile = 'FROM debian\nLABEL org.opencontainers.image.revision=main\nUSER app\n';
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile'), dockerfile);
    // No configuration: DL3006 at its default severity, no registry or label checks.
    let found = rulesOf(drydock(['check', '.', '--format', 'json'], dir));
    assert.ok(found.includes('DL3006:warning') && !found.some((r) => /^DL30(26|55)/.test(r)), found.join(' '));

    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\noverride:\n  error: [DL3066]\n  style: [DL3055]\ntrustedRegistries: [registry.acme.example]\nlabel-schema:\n  org.opencontainers.image.revision: hash\n');
    const r = drydock(['check', '.', '--format', 'json'], dir);
    found = rulesOf(r);
    assert.ok(!found.some((x) => x.startsWith('DL3006:')), 'ignored');
    assert.ok(found.includes('DL3066:error'), `override error: ${found.join(' ')}`);
    assert.ok(found.includes('DL3055:info'), `override style → info: ${found.join(' ')}`);
    assert.ok(found.includes('DL3026:error'), `trustedRegistries: ${found.join(' ')}`);
    assert.equal(r.code, 1, 'an error-level finding fails the run');
    // --rule wins over the configuration.
    const cli = drydock(['check', '.', '--format', 'json', '--rule', 'DL3006=error', '--rule', 'DL3026=off', '--rule', 'DL3066=off'], dir);
    found = rulesOf(cli);
    assert.ok(found.includes('DL3006:error') && !found.some((x) => x.startsWith('DL3026:')), found.join(' '));
    // failure-threshold decides the exit status when --fail-on is not given.
    fs.appendFileSync(path.join(dir, '.hadolint.yaml'), 'failure-threshold: none\n');
    assert.equal(drydock(['check', '.'], dir).code, 0);
    assert.equal(drydock(['check', '.', '--fail-on', 'error'], dir).code, 1);

    // A broken configuration is reported on the Dockerfile, and the check goes on without it.
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3006\n');
    const broken = drydock(['check', '.'], dir);
    assert.match(broken.stdout, /drydock\/hadolint-config/);
    assert.match(broken.stdout, /not valid YAML/);
    assert.match(broken.stdout, /DL3006/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check run from a subfolder finds the .hadolint.yaml at the root of the git work tree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-hadolint-git-'));
  try {
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\nfailure-threshold: warning\n');
    fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile'), 'FROM debian\nUSER app\n');
    const r = drydock(['check', '.', '--format', 'json'], path.join(dir, 'svc'));
    const rules = (JSON.parse(r.stdout) as JsonReport).files.flatMap((f) => f.findings.map((x) => x.rule));
    assert.ok(!rules.includes('DL3006') && rules.includes('DL3066'), rules.join(','));
    assert.equal(r.code, 0, 'DL3066 is info, below the configured threshold');
    fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'failure-threshold: info\n');
    assert.equal(drydock(['check', '.'], path.join(dir, 'svc')).code, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
