import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseDockerfile } from '../../../../server/src/dockerfile/index';

const found = (text: string, rule: string) => analyseDockerfile(text, { context: null }).findings.filter((f) => f.rule === rule);

test('DL3044: only a name set earlier in the same ENV counts; ARG or an earlier ENV is fine', () => {
  assert.equal(found('FROM alpine:3.20\nARG A=/x\nENV A=/opt B=$A/bin\n', 'DL3044').length, 0);
  assert.equal(found('FROM alpine:3.20\nENV A=/y\nENV A=/opt B=${A}/bin\n', 'DL3044').length, 0);
  const f = found('FROM alpine:3.20\nENV A=/opt \\\n    B=${A}/bin\n', 'DL3044');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].range.start, { line: 2, character: 6 }, 'points at the value that refers to A, on the continuation line');
  assert.match(f[0].message, /"A"/);
});

test('DL3062: module paths need @version; local packages and variables do not', () => {
  assert.equal(found('FROM golang:1.23\nRUN go install ./cmd/server\n', 'DL3062').length, 0);
  assert.equal(found('FROM golang:1.23\nRUN go install example.com/x@${V}\n', 'DL3062').length, 0);
  const f = found('FROM golang:1.23\nRUN go build ./... && go install -v example.com/a@v1.0.0 example.com/b\n', 'DL3062');
  assert.deepEqual(f.map((x) => x.message), ['Pin the version of "example.com/b" (go install example.com/b@<version>).']);
  assert.equal(f[0].range.start.line, 1);
});

test('DL3061: every instruction before the first FROM except ARG', () => {
  const f = found('# syntax=docker/dockerfile:1\nARG V=1\nLABEL a=b\nENV X=1\nFROM alpine:3.20\nENV Y=2\n', 'DL3061');
  assert.deepEqual(f.map((x) => x.range.start.line), [2, 3]);
});

test('DL4005: ln over /bin/sh, also inside sh -c; linking elsewhere is fine', () => {
  assert.equal(found('FROM debian:12\nRUN sh -c "ln -s /bin/bash /bin/sh"\n', 'DL4005').length, 1);
  assert.equal(found('FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/bin/python\n', 'DL4005').length, 0);
});

test('DL3043 and DL3035 find their instruction and command', () => {
  assert.equal(found('FROM alpine:3.20\nonbuild maintainer me\n', 'DL3043').length, 1);
  assert.equal(found('FROM alpine:3.20\nONBUILD RUN echo hi\n', 'DL3043').length, 0);
  assert.equal(found('FROM opensuse/leap:15.6\nRUN zypper --non-interactive dup && zypper clean\n', 'DL3035').length, 1);
});

test('DL3067: only a whole-filesystem source counts, and only with --from', () => {
  const f = found('FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /etc/passwd / /dst/\nCOPY / /x/\n', 'DL3067');
  assert.equal(f.length, 1);
  assert.deepEqual([f[0].range.start, f[0].range.end], [{ line: 2, character: 26 }, { line: 2, character: 27 }]);
});

test('DL3012 (hadolint) suppresses the HEALTHCHECK variant of MultipleInstructionsDisallowed', () => {
  const text = 'FROM alpine:3.20\nHEALTHCHECK CMD ["true"]\n# hadolint ignore=DL3012\nHEALTHCHECK CMD ["false"]\n';
  const hc = '# hadolint global ignore=DL3012\n' + text.replace('# hadolint ignore=DL3012\n', '');
  const rule = (t: string) => analyseDockerfile(t, { context: null }).findings.filter((x) => x.rule === 'MultipleInstructionsDisallowed' && /HEALTHCHECK/.test(x.message));
  assert.equal(rule(text.replace('# hadolint ignore=DL3012\n', '')).length, 1);
  assert.equal(rule(hc).length, 0);
});

test('DL3010: only an archive a later RUN unpacks, not one that is just copied', () => {
  assert.equal(found('FROM alpine:3.20\nCOPY dist/app.tgz /srv/\n', 'DL3010').length, 0);
  assert.equal(found('FROM alpine:3.20\nCOPY a.tar.xz /tmp/\nRUN tar -tf /tmp/a.tar.xz\n', 'DL3010').length, 0, 'listing is not extracting');
  const f = found('FROM alpine:3.20\nCOPY vendor/a.tar.xz /tmp/\nRUN set -e; \\\n  tar xJf /tmp/a.tar.xz -C /opt\n', 'DL3010');
  assert.equal(f.length, 1);
  assert.equal(f[0].range.start.line, 1);
});

test('hadolint ids DL3063/DL3064/DL3065 suppress their BuildKit twins', () => {
  const cases: Array<[string, string, string]> = [
    ['DL3063', 'ReservedStageName', 'FROM alpine:3.20 AS scratch\n'],
    ['DL3064', 'SecretsUsedInArgOrEnv', 'FROM alpine:3.20\nENV API_TOKEN=abc\n'],
    ['DL3065', 'RedundantTargetPlatform', 'FROM --platform=$TARGETPLATFORM alpine:3.20\n'],
  ];
  for (const [dl, rule, text] of cases) {
    assert.ok(found(text, rule).length > 0, rule);
    assert.equal(found(`# hadolint global ignore=${dl}\n${text}`, rule).length, 0, dl);
  }
});
