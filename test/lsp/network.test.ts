import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';

const EXAMPLES = path.join(ROOT, 'examples', 'shop');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/(^Dockerfile|\.ya?ml$)/.test(e.name)) out.push(p);
  }
  return out;
}

test('the language server opens no network connection while it analyses the example workspace', async () => {
  const s = await startServer({ rootPath: EXAMPLES, execArgv: ['--require', path.join(__dirname, 'deny-network.cjs')] });
  try {
    for (const file of walk(EXAMPLES)) {
      const uri = fileUri(file);
      const kind = file.endsWith('.yaml') || file.endsWith('.yml') ? 'yaml' : 'dockerfile';
      await s.open(uri, kind, fs.readFileSync(file, 'utf8'));
      await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      await s.request('textDocument/documentSymbol', { textDocument: { uri } });
      await s.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      if (kind === 'dockerfile') await s.request('drydock/layerPlan', { uri });
    }
  } finally {
    await s.shutdown();
  }
  assert.doesNotMatch(s.stderr(), /NETWORK-ATTEMPT/, s.stderr());
});
