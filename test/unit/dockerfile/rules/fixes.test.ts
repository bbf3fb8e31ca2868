import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseDockerfile } from '../../../../server/src/dockerfile/index';
import { LineIndex } from '../../../../server/src/common/text';
import type { Fix } from '../../../../server/src/common/types';

function apply(text: string, fix: Fix): string {
  const idx = new LineIndex(text);
  const edits = fix.edits.map((e) => ({ start: idx.offsetAt(e.range.start), end: idx.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function fixed(text: string, rule: string, title?: RegExp): string {
  const f = analyseDockerfile(text).findings.find((x) => x.rule === rule);
  assert.ok(f, `${rule} not found`);
  const fix = f.fixes?.find((x) => (title ? title.test(x.title) : x.isPreferred));
  assert.ok(fix, `${rule} has no fix`);
  return apply(text, fix);
}

test('mechanical fixes produce the text a user would write, and the rule is then satisfied', () => {
  const cases: Array<[string, string, string]> = [
    ['DL3014', 'FROM debian:12\nRUN apt-get install --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n', 'RUN apt-get install -y --no-install-recommends curl=1'],
    ['DL3015', 'FROM debian:12\nRUN apt-get install -y curl=1 && rm -rf /var/lib/apt/lists/*\n', 'apt-get install --no-install-recommends -y curl=1'],
    ['DL3020', 'FROM alpine:3.20\nADD app.py /app/\n', 'COPY app.py /app/'],
    ['DL3025', 'FROM alpine:3.20\nCMD node server.js\n', 'CMD ["node", "server.js"]'],
    ['StageNameCasing', 'FROM alpine:3.20 AS Build\n', 'FROM alpine:3.20 AS build'],
    ['LegacyKeyValueFormat', 'FROM alpine:3.20\nENV PORT 8080\n', 'ENV PORT=8080'],
    ['DL4000', 'FROM alpine:3.20\nMAINTAINER Jane <j@example.com>\n', 'LABEL org.opencontainers.image.authors="Jane <j@example.com>"'],
  ];
  for (const [rule, text, expected] of cases) {
    const out = fixed(text, rule);
    assert.ok(out.includes(expected), `${rule}: got\n${out}`);
    assert.ok(!analyseDockerfile(out).findings.some((f) => f.rule === rule), `${rule} still fires after its fix:\n${out}`);
  }
});

test('every finding offers an ignore-comment fix that silences it', () => {
  const text = 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n';
  const out = fixed(text, 'DL3008', /^Ignore DL3008/);
  assert.match(out, /# hadolint ignore=DL3008\nRUN apt-get/);
  assert.ok(!analyseDockerfile(out).findings.some((f) => f.rule === 'DL3008'));
});
