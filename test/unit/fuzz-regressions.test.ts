import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkInput } from '../fuzz/fuzz';

// Every input the fuzzer ever failed on (kept in test/fixtures/fuzz/ by `npm run fuzz`) stays a test: the
// same invariants (no exception, ranges inside the document, deterministic output, time bound).
const DIR = path.join(__dirname, '..', 'fixtures', 'fuzz');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).sort() : [];

for (const f of files) {
  test(`fuzz regression ${f}`, () => {
    checkInput(f.endsWith('.yaml') ? 'yaml' : 'dockerfile', fs.readFileSync(path.join(DIR, f), 'utf8'));
  });
}
