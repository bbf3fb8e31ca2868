import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// A short, seeded run of the fuzz harness (npm run fuzz runs longer ones): mutated real Dockerfiles
// and manifests must never throw, overrun the time bound, or produce ranges outside the document.
test('fuzz: 400 mutated Dockerfiles and manifests (fixed seed) keep every invariant', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'fuzz', 'fuzz.ts'), '--runs', '400', '--seed', '20261122'], {
    encoding: 'utf8',
    env: { ...process.env, FUZZ_TIME_LIMIT_MS: '2000' },
  });
  assert.match(out, /fuzz: 400 inputs \(seed 20261122\) .* 0 failures/);
});
