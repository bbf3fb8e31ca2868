import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyseFiles } from '../../../server/src/workspace/analyse';
import { analyseDockerfile } from '../../../server/src/dockerfile/index';
import { CONFIG_RULE, configOverrides, findHadolintConfig, forgetHadolintLookups, parseHadolintConfig, ruleOptions } from '../../../server/src/workspace/hadolintConfig';

/** A temporary workspace holding `files` (path → text); removed after `fn`. */
function withWorkspace(files: Record<string, string>, fn: (root: string) => void): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-hadolint-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), text);
    }
    fn(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const findingsOf = (root: string, rel: string, options: Parameters<typeof analyseFiles>[1] = {}) => {
  const p = path.join(root, rel);
  return analyseFiles([{ path: p, kind: 'dockerfile', text: fs.readFileSync(p, 'utf8') }], { roots: [root], ...options }).get(p) ?? [];
};

const DOCKERFILE = 'FROM ghcr.io/acme/base:1.0\nLABEL org.opencontainers.image.version=v2\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n';

test('parseHadolintConfig reads every key hadolint knows; style becomes info; ignored wins over override', () => {
  const c = parseHadolintConfig([
    'ignored: [DL3008, SC2086]',
    'override:',
    '  error: [DL3015]',
    '  style:',
    '    - DL3059',
    '  warning: [DL3008]',
    'trustedRegistries:',
    '  - docker.io',
    '  - registry.acme.example',
    'label-schema:',
    '  org.opencontainers.image.version: semver',
    '  maintainer: email',
    'strict-labels: true',
    'failure-threshold: style',
    'disable-ignore-pragma: true',
    'no-color: true',
    '',
  ].join('\n'), '/ws/.hadolint.yaml');
  assert.deepEqual(c.problems, []);
  assert.deepEqual(c.ignored, ['DL3008', 'SC2086']);
  assert.deepEqual(c.override, { DL3015: 'error', DL3059: 'info', DL3008: 'warning' });
  assert.deepEqual(c.trustedRegistries, ['docker.io', 'registry.acme.example']);
  assert.deepEqual(c.labelSchema, { 'org.opencontainers.image.version': 'semver', maintainer: 'email' });
  assert.equal(c.strictLabels, true);
  assert.equal(c.failureThreshold, 'info');
  assert.equal(c.disableIgnorePragma, true);
  assert.equal(ruleOptions(c, {})?.disableIgnorePragma, true);
  // A rule that is off by default is turned on by a severity for it, and only by that.
  assert.deepEqual(ruleOptions(c, { DL3057: 'warning', DL3008: 'error' })?.enable, ['DL3057']);
  assert.equal(ruleOptions(c, { DL3057: 'off' })?.enable, undefined);
});

test('parseHadolintConfig: bad YAML and bad values are problems with positions, and what is valid is kept', () => {
  const broken = parseHadolintConfig('ignored: [DL3008\noverride: {\n', '/ws/.hadolint.yaml');
  assert.ok(broken.problems.length > 0);
  assert.match(broken.problems[0].message, /not valid YAML/);
  assert.deepEqual(broken.ignored, []);

  const mixed = parseHadolintConfig('ignored: [DL3008]\nignore: [DL3009]\nlabel-schema:\n  version: number\n  vcs-ref: hash\nstrict-labels: yes please\noverride:\n  fatal: [DL3000]\n', '/ws/.hadolint.yaml');
  const messages = mixed.problems.map((p) => `${p.range.start.line}: ${p.message}`);
  assert.ok(messages.some((m) => m.startsWith('1: unknown key `ignore`')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('3: label `version` has type `number`')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('5: `strict-labels` must be true or false')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('7: `override` has no level `fatal`')), messages.join('\n'));
  assert.deepEqual(mixed.ignored, ['DL3008']);
  assert.deepEqual(mixed.labelSchema, { 'vcs-ref': 'hash' });

  assert.equal(parseHadolintConfig('', '/ws/.hadolint.yaml').problems.length, 0);
  assert.match(parseHadolintConfig('- DL3008\n', '/ws/.hadolint.yaml').problems[0].message, /must be a mapping/);
});

test('the nearest .hadolint.yaml walking up from the Dockerfile wins, and the search stops at the workspace root', () => {
  withWorkspace({
    '.hadolint.yaml': 'ignored: [DL3006]\n',
    'svc/.hadolint.yml': 'ignored: [DL3007]\n',
    'svc/api/Dockerfile': 'FROM node:latest\nFROM debian\n',
    'web/Dockerfile': 'FROM node:latest\nFROM debian\n',
  }, (root) => {
    assert.equal(findHadolintConfig(path.join(root, 'svc/api/Dockerfile'), [root]), path.join(root, 'svc/.hadolint.yml'));
    assert.equal(findHadolintConfig(path.join(root, 'web/Dockerfile'), [root]), path.join(root, '.hadolint.yaml'));
    // A root below the file's configuration: not searched past it.
    assert.equal(findHadolintConfig(path.join(root, 'web/Dockerfile'), [path.join(root, 'web')]), null);
    const api = findingsOf(root, 'svc/api/Dockerfile').map((f) => f.rule);
    assert.ok(!api.includes('DL3007') && api.includes('DL3006'), api.join(','));
    const web = findingsOf(root, 'web/Dockerfile').map((f) => f.rule);
    assert.ok(web.includes('DL3007') && !web.includes('DL3006'), web.join(','));
  });
});

test('a configuration drives the rules: trustedRegistries, label-schema and override severities; a change is picked up', () => {
  withWorkspace({
    '.hadolint.yaml': 'trustedRegistries: [docker.io]\nlabel-schema:\n  org.opencontainers.image.version: semver\noverride:\n  error: [DL3056]\n',
    'Dockerfile': DOCKERFILE,
  }, (root) => {
    const found = findingsOf(root, 'Dockerfile');
    assert.deepEqual(found.filter((f) => f.rule === 'DL3026').map((f) => [f.range.start.line, f.severity]), [[0, 'error']]);
    assert.deepEqual(found.filter((f) => f.rule === 'DL3056').map((f) => [f.range.start.line, f.severity]), [[1, 'error']]);
    // Without a configuration these rules have nothing to check.
    const plain = analyseDockerfile(DOCKERFILE).findings.map((f) => f.rule);
    assert.ok(!plain.includes('DL3026') && !plain.includes('DL3056'));
    // The file changes on disk: the next analysis of the same text follows it (cached findings are not reused).
    const file = path.join(root, '.hadolint.yaml');
    fs.writeFileSync(file, 'trustedRegistries: [docker.io, ghcr.io]\nignored: [DL3056]\n');
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(file, t, t);
    const after = findingsOf(root, 'Dockerfile').map((f) => f.rule);
    assert.ok(!after.includes('DL3026') && !after.includes('DL3056'), after.join(','));
  });
});

test('off-by-default DL3057 runs when .hadolint.yaml or Drydock settings give it a severity; Drydock settings win', () => {
  withWorkspace({ '.hadolint.yaml': 'override:\n  warning: [DL3057]\n', 'Dockerfile': 'FROM nginx:1.27\n', 'other/Dockerfile': 'FROM nginx:1.27\n' }, (root) => {
    assert.deepEqual(findingsOf(root, 'Dockerfile').filter((f) => f.rule === 'DL3057').map((f) => f.severity), ['warning']);
    assert.deepEqual(findingsOf(root, 'Dockerfile', { rules: { DL3057: 'error' } }).filter((f) => f.rule === 'DL3057').map((f) => f.severity), ['error']);
    assert.deepEqual(findingsOf(root, 'Dockerfile', { rules: { DL3057: 'off' } }).filter((f) => f.rule === 'DL3057'), []);
    // Without any setting it stays off.
    assert.ok(!analyseDockerfile('FROM nginx:1.27\n').findings.some((f) => f.rule === 'DL3057'));
  });
});

test('a broken .hadolint.yaml is a warning on the Dockerfile pointing at the file, not a crash', () => {
  withWorkspace({ '.hadolint.yaml': 'ignored: [DL3006\n', 'Dockerfile': 'FROM debian\n' }, (root) => {
    const found = findingsOf(root, 'Dockerfile');
    const bad = found.filter((f) => f.rule === CONFIG_RULE);
    assert.equal(bad.length >= 1, true);
    assert.equal(bad[0].severity, 'warning');
    assert.match(bad[0].message, /not valid YAML.*whole file is ignored/);
    assert.equal(bad[0].related?.[0].path, path.join(root, '.hadolint.yaml'));
    // The rest of the analysis goes on, without the broken configuration.
    assert.ok(found.some((f) => f.rule === 'DL3006'));
  });
});

test('a hadolint id that Drydock reports under its BuildKit name is honoured: ignoring DL3024 turns off DuplicateStageName', () => {
  const c = parseHadolintConfig('ignored: [DL3024]\noverride:\n  error: [DL3025]\n', '/ws/.hadolint.yaml');
  const o = configOverrides(c);
  assert.equal(o.DuplicateStageName, 'off');
  assert.equal(o.DL3025, 'error');
  withWorkspace({ '.hadolint.yaml': 'ignored: [DL3024]\n', 'Dockerfile': 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n' }, (root) => {
    assert.ok(analyseDockerfile('FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n').findings.some((f) => f.rule === 'DuplicateStageName'));
    assert.ok(!findingsOf(root, 'Dockerfile').some((f) => f.rule === 'DuplicateStageName'));
  });
});

test('a deleted configuration stops applying at once; a created one applies once lookups are forgotten (the watcher does that)', () => {
  withWorkspace({ '.hadolint.yaml': 'ignored: [DL3006]\n', 'Dockerfile': 'FROM debian\n' }, (root) => {
    assert.ok(!findingsOf(root, 'Dockerfile').some((f) => f.rule === 'DL3006'));
    fs.rmSync(path.join(root, '.hadolint.yaml'));
    const after = findingsOf(root, 'Dockerfile');
    assert.ok(after.some((f) => f.rule === 'DL3006'));
    assert.ok(!after.some((f) => f.rule === CONFIG_RULE), 'a vanished file is not an error');
    fs.writeFileSync(path.join(root, '.hadolint.yaml'), 'ignored: [DL3006]\n');
    forgetHadolintLookups();
    assert.ok(!findingsOf(root, 'Dockerfile').some((f) => f.rule === 'DL3006'));
  });
});

test('Drydock settings naming a hadolint alias id apply to the rule too (--rule DL3024=off turns off DuplicateStageName)', () => {
  withWorkspace({ 'Dockerfile': 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n' }, (root) => {
    assert.ok(findingsOf(root, 'Dockerfile').some((f) => f.rule === 'DuplicateStageName'));
    assert.ok(!findingsOf(root, 'Dockerfile', { rules: { DL3024: 'off' } }).some((f) => f.rule === 'DuplicateStageName'));
    // The rule's own id, given too, wins.
    const both = findingsOf(root, 'Dockerfile', { rules: { DL3024: 'off', DuplicateStageName: 'warning' } }).filter((f) => f.rule === 'DuplicateStageName');
    assert.deepEqual(both.map((f) => f.severity), ['warning']);
  });
});
