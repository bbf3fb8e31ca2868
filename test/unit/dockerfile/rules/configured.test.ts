import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseDockerfile, type DockerfileRuleOptions } from '../../../../server/src/dockerfile/index';
import { isEmail, isGitHash, isRfc3339, isSemver, isSpdxId, isUri } from '../../../../server/src/dockerfile/rules/hadolint/labels';

const found = (text: string, rule: string, rules?: DockerfileRuleOptions) =>
  analyseDockerfile(text, { rules }).findings.filter((f) => f.rule === rule).map((f) => ({ line: f.range.start.line, message: f.message }));

test('label value checks accept what hadolint accepts and reject the rest', () => {
  for (const v of ['https://github.com/acme/app', 'http://[::1]:8080/x?q=1#top', 'mailto:ops@acme.example', 'urn:isbn:0451450523', 'file:///etc/hosts']) assert.ok(isUri(v), v);
  for (const v of ['github.com/acme/app', 'https://exa mple.com', '//acme.example/x', 'http://x/%zz', '']) assert.ok(!isUri(v), v);

  for (const v of ['2024-05-01T12:00:00Z', '2024-02-29T23:59:60.5+02:00', '1999-12-31t00:00:00z']) assert.ok(isRfc3339(v), v);
  for (const v of ['2024-05-01 12:00', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T12:00:00', '2024-05-01']) assert.ok(!isRfc3339(v), v);

  for (const v of ['MIT', 'Apache-2.0', 'GPL-3.0-only', 'GPL-3.0']) assert.ok(isSpdxId(v), v);
  for (const v of ['mit', 'Apache 2', 'MIT OR Apache-2.0', 'LicenseRef-acme', '']) assert.ok(!isSpdxId(v), v);

  for (const v of ['4f2a9c1', 'a'.repeat(40)]) assert.ok(isGitHash(v), v);
  for (const v of ['4F2A9C1', '4f2a9c', '4f2a9c1d', 'main', 'g'.repeat(40)]) assert.ok(!isGitHash(v), v);

  for (const v of ['1.4.0', '0.0.1-alpha.1+build.5', '10.20.30']) assert.ok(isSemver(v), v);
  for (const v of ['v1.4.0', '1.4', '01.4.0', ' 1.4.0', '=1.4.0', 'latest']) assert.ok(!isSemver(v), v);

  for (const v of ['ops@acme.example', 'first.last+tag@sub.acme.example', '"odd person"@acme.example', 'root@localhost', 'x@[192.0.2.1]']) assert.ok(isEmail(v), v);
  for (const v of ['ops at acme.example', 'Ops <ops@acme.example>', 'a..b@acme.example', '@acme.example', 'ops@', 'ops@acme..example']) assert.ok(!isEmail(v), v);
});

test('label-schema rules check only the labels of the schema, skip variables, and report empty values once (DL3051)', () => {
  const schema: DockerfileRuleOptions = { labelSchema: { version: 'semver', 'org.opencontainers.image.created': 'rfc3339' } };
  const text = 'FROM alpine:3.20\nARG V\nLABEL version=$V other=v1 "org.opencontainers.image.created"="yesterday"\nLABEL version=""\n';
  assert.deepEqual(found(text, 'DL3056', schema), []);
  assert.deepEqual(found(text, 'DL3053', schema).map((f) => f.line), [2]);
  assert.deepEqual(found(text, 'DL3051', schema).map((f) => f.line), [3]);
  // No schema, no findings.
  for (const id of ['DL3049', 'DL3050', 'DL3051', 'DL3053', 'DL3056']) assert.deepEqual(found(text, id), [], id);
  // strict-labels: every label outside the schema is superfluous, each reported once.
  assert.deepEqual(found(text, 'DL3050', { ...schema, strictLabels: true }).map((f) => f.message), ['Superfluous label `other`: strict-labels allows only the labels of the label-schema.']);
});

test('DL3049: a label set in a stage counts for stages built on it; stages only copied from are let off', () => {
  const rules: DockerfileRuleOptions = { labelSchema: { version: 'text' } };
  const text = [
    'FROM golang:1.22 AS build', // 0: only COPY --from'd: let off
    'FROM alpine:3.20 AS base', //  1: labelled
    'LABEL version=1',
    'FROM base AS final', //        3: inherits from base
    'COPY --from=build /app /app',
    'FROM alpine:3.20 AS other', // 5: missing
    '',
  ].join('\n');
  assert.deepEqual(found(text, 'DL3049', rules).map((f) => f.line), [5]);
  // Copied from by index counts too.
  assert.deepEqual(found('FROM golang:1.22\nFROM alpine:3.20\nLABEL version=1\nCOPY --from=0 /a /a\n', 'DL3049', rules), []);
  // One finding per missing label.
  assert.equal(found('FROM alpine:3.20\n', 'DL3049', { labelSchema: { a: 'text', b: 'url' } }).length, 2);
});

test('DL3026: registries as Docker reads them; Docker Hub through docker.io or hub.docker.com; scratch and stages exempt', () => {
  const text = [
    'FROM ghcr.io/acme/base:1 AS a', //              0
    'FROM localhost:5000/tool:1 AS b', //            1
    'FROM library/alpine:3.20 AS c', //              2 (Docker Hub)
    'FROM a', //                                     3 (stage)
    'FROM scratch', //                               4
    'FROM REGISTRY.ACME.EXAMPLE/x:1', //             5 (registries compare case-insensitively)
    'ARG IMG=ghcr.io/x:1',
    'FROM $IMG', //                                  7 (unknown)
    '',
  ].join('\n');
  assert.deepEqual(found(text, 'DL3026', { trustedRegistries: ['registry.acme.example'] }).map((f) => f.line), [0, 1, 2]);
  assert.deepEqual(found(text, 'DL3026', { trustedRegistries: ['hub.docker.com', 'ghcr.io', 'localhost:5000', 'registry.acme.example'] }).map((f) => f.line), []);
  assert.deepEqual(found(text, 'DL3026', { trustedRegistries: [] }), []);
});

test('DL3057 and DL1001 are off unless turned on; DL1001 flags inline pragmas only, with a fix that removes them', () => {
  const text = '# hadolint global ignore=DL3006\nFROM debian\n# hadolint ignore=DL3008, DL3015 # reason\nRUN apt-get install -y curl\n#hadolint ignore=DL3059\nRUN echo \\\n# hadolint ignore=DL3009\n  done\n';
  assert.deepEqual(found(text, 'DL1001'), []);
  assert.deepEqual(found(text, 'DL3057'), []);
  const on = analyseDockerfile(text, { rules: { enable: ['DL1001', 'DL3057'] } }).findings;
  const pragmas = on.filter((f) => f.rule === 'DL1001');
  // Lines 2 and 4; not the global one (line 0) nor the comment inside the RUN continuation (line 6).
  assert.deepEqual(pragmas.map((f) => f.range.start.line), [2, 4]);
  assert.deepEqual(pragmas[0].fixes?.map((x) => x.title), ['Remove the ignore pragma']);
  assert.deepEqual(on.filter((f) => f.rule === 'DL3057').map((f) => f.range.start.line), [1]);
  // The pragma still works while DL1001 reports it.
  assert.ok(!on.some((f) => f.rule === 'DL3008'));
});

test('DL3066: USER by name (with or without group) is flagged; numeric ids and variables are not', () => {
  const text = 'FROM alpine:3.20\nUSER app\nUSER 1000:app\nUSER app:1000\nUSER 1000\nUSER ${UID}\n';
  assert.deepEqual(found(text, 'DL3066').map((f) => f.line), [1, 3]);
});

test('changed rule options re-check stages kept from an earlier incremental analysis', () => {
  const text = 'FROM ghcr.io/acme/base:1\nRUN echo hi\n';
  const first = analyseDockerfile(text, { rules: { trustedRegistries: ['ghcr.io'] } });
  assert.ok(!first.findings.some((f) => f.rule === 'DL3026'));
  const second = analyseDockerfile(text, { previous: first.model, rules: { trustedRegistries: ['docker.io'] } });
  assert.equal(second.findings.filter((f) => f.rule === 'DL3026').length, 1);
  const third = analyseDockerfile(text, { previous: second.model });
  assert.ok(!third.findings.some((f) => f.rule === 'DL3026'));
});

test('disableIgnorePragma: hadolint ignore comments stop suppressing; drydock-ignore and check=skip still work', () => {
  const text = '# check=skip=FromAsCasing\n# hadolint global ignore=DL3006\nFROM debian as build\n# hadolint ignore=DL3007\nFROM node:latest\nRUN echo a\n# drydock-ignore DL3059\nRUN echo b\n';
  const rules = (o?: DockerfileRuleOptions) => analyseDockerfile(text, { rules: o }).findings.map((f) => f.rule);
  // Controls: without their comments, these rules fire on this text.
  const bare = analyseDockerfile(text.replace(/^# (check|hadolint|drydock-ignore)[^\n]*\n/gm, '')).findings.map((f) => f.rule);
  for (const id of ['DL3006', 'DL3007', 'DL3059', 'FromAsCasing']) assert.ok(bare.includes(id), `${id} in ${bare.join(',')}`);
  const honoured = rules();
  assert.ok(!honoured.includes('DL3006') && !honoured.includes('DL3007') && !honoured.includes('DL3059') && !honoured.includes('FromAsCasing'), honoured.join(','));
  const disabled = rules({ disableIgnorePragma: true });
  assert.ok(disabled.includes('DL3006') && disabled.includes('DL3007'), disabled.join(','));
  assert.ok(!disabled.includes('DL3059') && !disabled.includes('FromAsCasing'), disabled.join(','));
});

test('with disableIgnorePragma the "Ignore" quick fix writes # drydock-ignore, and applying it suppresses the finding', () => {
  const text = 'FROM node:latest\n';
  const apply = (t: string, edit: { range: { start: { line: number } }; newText: string }) => {
    const lines = t.split('\n');
    lines.splice(edit.range.start.line, 0, edit.newText.replace(/\n$/, ''));
    return lines.join('\n');
  };
  for (const [options, comment] of [[{}, '# hadolint ignore=DL3007'], [{ disableIgnorePragma: true }, '# drydock-ignore DL3007']] as const) {
    const f = analyseDockerfile(text, { rules: options }).findings.find((x) => x.rule === 'DL3007')!;
    const fix = f.fixes!.find((x) => x.title === 'Ignore DL3007 for this instruction')!;
    assert.equal(fix.edits[0].newText, `${comment}\n`);
    const after = analyseDockerfile(apply(text, fix.edits[0]), { rules: options }).findings;
    assert.ok(!after.some((x) => x.rule === 'DL3007'), `${comment} suppresses DL3007 with ${JSON.stringify(options)}`);
  }
});
