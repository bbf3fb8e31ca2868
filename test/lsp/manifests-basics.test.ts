import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';

const WEB = path.join(ROOT, 'examples', 'shop', 'k8s', 'web.yaml');

interface Sym { name: string; range: { start: { line: number } }; children?: Sym[] }
interface Hint { position: { line: number; character: number }; label: string }

test('manifest outline: documents > resources > containers', async () => {
  const s = await startServer();
  try {
    const uri = fileUri(WEB);
    await s.open(uri, 'yaml', fs.readFileSync(WEB, 'utf8'));
    const symbols = await s.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((x) => x.name), ['Deployment web', 'Service web']);
    assert.deepEqual(symbols[0].children?.map((c) => c.name), ['web']);
    assert.equal(symbols[1].range.start.line, 34, "the Service starts at its apiVersion line");
  } finally {
    await s.shutdown();
  }
});

test('inlay hints show what the API server defaults, where it applies', async () => {
  const s = await startServer();
  try {
    const text = fs.readFileSync(WEB, 'utf8');
    const lines = text.split('\n');
    const uri = fileUri(WEB);
    await s.open(uri, 'yaml', text);
    const hints = await s.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
    const at = (label: string) => hints.find((h) => h.label === label);
    const strategy = at('strategy: RollingUpdate 25%/25%');
    assert.ok(strategy, JSON.stringify(hints));
    assert.equal(lines[strategy.position.line].trim(), 'spec:');
    assert.equal(strategy.position.line, 7, 'the Deployment spec, not the pod template spec');
    assert.equal(at('replicas: 1'), undefined, 'replicas is set, so no hint');
    const pull = at('imagePullPolicy: IfNotPresent');
    assert.ok(pull);
    assert.match(lines[pull.position.line], /image: shop\/web:1\.4\.2/);
    const proto = at('protocol: TCP');
    assert.ok(proto);
    assert.match(lines[proto.position.line], /port: 80/);
    assert.equal(at('targetPort: 80'), undefined, 'targetPort is given');
  } finally {
    await s.shutdown();
  }
});
