import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderDockerfileRuleDocs } from '../../../../server/src/dockerfile/rules/docs';
import { DOCKERFILE_RULES } from '../../../../server/src/dockerfile/rules/index';
import { CONFIG_RULE } from '../../../../server/src/workspace/hadolintConfig';
import { ruleDocs } from '../../../../server/src/workspace/ruleDocs';

const DOC = path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'rules', 'dockerfile.md');

test('docs/rules/dockerfile.md is the table the registry generates (regenerate with renderDockerfileRuleDocs)', () => {
  assert.equal(fs.readFileSync(DOC, 'utf8'), renderDockerfileRuleDocs());
});

test('every drydock rule docs link lands on an anchor of docs/rules/dockerfile.md', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const anchors = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  for (const { meta } of DOCKERFILE_RULES) {
    assert.ok(text.includes(`| ${meta.origin} |`) && text.includes(meta.id), meta.id);
    if (meta.origin !== 'drydock') continue;
    const m = /docs\/rules\/dockerfile\.md#(.+)$/.exec(meta.docs);
    assert.ok(m, `${meta.id}: docs link ${meta.docs}`);
    assert.ok(anchors.has(m[1]), `${meta.id}: no anchor ${m[1]}`);
  }
});

test('the docs link of findings about a .hadolint.yaml lands on its section', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const m = /docs\/rules\/dockerfile\.md#(.+)$/.exec(ruleDocs(CONFIG_RULE) ?? '');
  assert.ok(m, String(ruleDocs(CONFIG_RULE)));
  assert.ok(text.includes(`<a id="${m[1]}"></a>\n### ${CONFIG_RULE}`), `no section for ${CONFIG_RULE} at #${m[1]}`);
});
