import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyOverrides, sanitizeOverrides } from '../../../server/src/workspace/overrides';
import type { Finding } from '../../../server/src/common/types';

const f = (rule: string, severity: Finding['severity'] = 'warning'): Finding => ({
  rule, severity, message: rule, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
});

test('overrides turn rules off and re-grade others, leaving the rest alone', () => {
  const out = applyOverrides([f('A'), f('B'), f('C', 'error')], { A: 'off', B: 'error' });
  assert.deepEqual(out.map((x) => [x.rule, x.severity]), [['B', 'error'], ['C', 'error']]);
});

test('malformed overrides from settings are dropped, not trusted', () => {
  assert.deepEqual(sanitizeOverrides({ A: 'off', B: 'loud', C: 3, D: 'info' }), { A: 'off', D: 'info' });
  assert.deepEqual(sanitizeOverrides(['A']), {});
  assert.deepEqual(sanitizeOverrides(null), {});
});
