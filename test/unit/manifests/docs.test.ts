import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderManifestRuleDocs } from '../../../server/src/manifests/rules/docs';
import { MANIFEST_RULES } from '../../../server/src/manifests/index';
import { VALIDATION_RULES } from '../../../server/src/manifests/validation/index';

const DOC = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', 'manifests.md');

test('docs/rules/manifests.md is what the registry generates (regenerate with renderManifestRuleDocs)', () => {
  assert.equal(fs.readFileSync(DOC, 'utf8'), renderManifestRuleDocs());
});

test('every drydock manifest rule docs link lands on an anchor of docs/rules/manifests.md; every validation id is listed', () => {
  const text = fs.readFileSync(DOC, 'utf8');
  const anchors = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  for (const { meta } of MANIFEST_RULES) {
    if (meta.origin !== 'drydock') continue;
    const m = /docs\/rules\/manifests\.md#(.+)$/.exec(meta.docs);
    assert.ok(m, `${meta.id}: docs link ${meta.docs}`);
    assert.ok(anchors.has(m[1]), `${meta.id}: no anchor ${m[1]}`);
  }
  for (const id of Object.values(VALIDATION_RULES)) assert.ok(text.includes(`| ${id} |`), id);
});

test('one module per manifest rule: every rule of the registry lives in a file named by its id', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'manifests', 'rules');
  const files = new Set(fs.readdirSync(dir, { recursive: true }).map((f) => path.basename(String(f), '.ts')));
  for (const { meta } of MANIFEST_RULES) assert.ok(files.has(meta.id.replace(/^drydock\//, '')), `${meta.id} has no module of its own`);
});
