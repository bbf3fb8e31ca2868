import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseDockerfile } from '../../../../server/src/dockerfile/index';
import { DOCKERFILE_RULES, EXAMPLE_CONTEXTS } from '../../../../server/src/dockerfile/rules/index';
import type { BuildContextInfo, DockerfileRuleOptions } from '../../../../server/src/dockerfile/index';
import { LineIndex } from '../../../../server/src/common/text';

// Every rule ships with a bad and a good example: the bad one must trigger it, the good one must not.
for (const rule of DOCKERFILE_RULES) {
  const { id, examples } = rule.meta;
  const ec = EXAMPLE_CONTEXTS[id];
  const context: BuildContextInfo | null = ec
    ? { root: '/example', files: Object.entries(ec.files).map(([path, size]) => ({ path, size })), dockerignore: ec.dockerignore === undefined ? null : { path: '/example/.dockerignore', text: ec.dockerignore } }
    : null;
  // The rule's configuration (e.g. a label schema) comes with its examples; a rule that is off by default is turned on.
  const rules: DockerfileRuleOptions = { ...(examples.options as DockerfileRuleOptions | undefined), ...(rule.meta.off ? { enable: [id] } : {}) };
  test(`${id}: its bad example is found and its good example is clean`, () => {
    const bad = analyseDockerfile(examples.bad, { context, rules }).findings.filter((f) => f.rule === id);
    assert.ok(bad.length > 0, `${id} found nothing in its bad example:\n${examples.bad}`);
    const lines = new LineIndex(examples.bad);
    for (const f of bad) {
      assert.ok(f.range.start.line < lines.lineCount && f.range.end.line < lines.lineCount, `${id} range outside the document`);
      assert.ok(f.message.length > 10, `${id} message too short`);
    }
    const good = analyseDockerfile(examples.good, { context, rules }).findings.filter((f) => f.rule === id);
    assert.deepEqual(good.map((f) => f.message), [], `${id} fired on its good example:\n${examples.good}`);
  });
}

test('rule ids are unique and metadata is complete', () => {
  const ids = DOCKERFILE_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length >= 50, `only ${ids.length} rules`);
  for (const r of DOCKERFILE_RULES) {
    assert.match(r.meta.docs, /^https:\/\//, r.meta.id);
    assert.ok(r.meta.title.length > 5, r.meta.id);
  }
});
