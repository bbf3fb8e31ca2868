import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseDockerfile } from '../../../../server/src/dockerfile/index';

const rules = (text: string) => analyseDockerfile(text).findings.map((f) => f.rule);

test('# hadolint ignore= applies to the next instruction only', () => {
  const text = 'FROM debian:12\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n';
  const found = analyseDockerfile(text).findings;
  assert.deepEqual(found.filter((f) => f.rule === 'DL3008').map((f) => f.range.start.line), [3]);
  assert.deepEqual(found.filter((f) => f.rule === 'DL3015').map((f) => f.range.start.line), [3]);
});

test('# hadolint global ignore= and BuildKit # check=skip= apply to the whole file', () => {
  assert.ok(!rules('# hadolint global ignore=DL3007\nFROM node:latest\nFROM node:latest AS b\n').includes('DL3007'));
  assert.ok(!rules('# check=skip=StageNameCasing,FromAsCasing\nFROM alpine:3.20 as Build\n').some((r) => r === 'StageNameCasing' || r === 'FromAsCasing'));
  const all = rules('# check=skip=all\nFROM alpine:3.20 as Build\nENV A 1\n');
  assert.ok(!all.includes('StageNameCasing') && !all.includes('LegacyKeyValueFormat'));
  // A check directive after the first instruction is just a comment.
  assert.ok(rules('FROM alpine:3.20 AS Build\n# check=skip=StageNameCasing\n').includes('StageNameCasing'));
});

test('an alias suppresses the same rule: hadolint DL3025 and BuildKit JSONArgsRecommended', () => {
  assert.ok(rules('FROM alpine:3.20\nCMD node a.js\n').includes('DL3025'));
  assert.ok(!rules('# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD node a.js\n').includes('DL3025'));
  assert.ok(!rules('FROM alpine:3.20\n# hadolint ignore=DL3025\nCMD node a.js\n').includes('DL3025'));
});

test('# drydock-ignore RULE suppresses our own rules on the next instruction', () => {
  const text = 'FROM node:20-alpine\nWORKDIR /app\n# drydock-ignore drydock/cache-busting-copy\nCOPY . .\nRUN npm ci\n';
  assert.ok(!rules(text).includes('drydock/cache-busting-copy'));
  assert.ok(rules(text.replace('# drydock-ignore drydock/cache-busting-copy\n', '')).includes('drydock/cache-busting-copy'));
});
