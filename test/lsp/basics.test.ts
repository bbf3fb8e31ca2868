import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, fileUri, ROOT } from './harness';
import * as path from 'node:path';

test('the server initializes, publishes diagnostics, follows edits and shuts down', async () => {
  const s = await startServer();
  try {
    const uri = fileUri(path.join(ROOT, 'test', 'fixtures', 'virtual', 'Dockerfile'));
    const first = await s.open(uri, 'dockerfile', 'FROM alpine:3.20\nRUNN echo hi\n');
    const unknown = first.find((d) => d.code === 'unknown-instruction');
    assert.ok(unknown, `expected unknown-instruction, got ${JSON.stringify(first)}`);
    assert.deepEqual(unknown.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    // Fix the typo with an incremental edit: the diagnostic goes away.
    const second = await s.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, text: 'RUN' }]);
    assert.equal(second.filter((d) => d.code === 'unknown-instruction').length, 0);
    const closed = await s.close(uri);
    assert.deepEqual(closed, []);
  } finally {
    await s.shutdown();
  }
});

test('YAML that is not a Kubernetes manifest gets no findings; a broken manifest gets exact syntax errors', async () => {
  const s = await startServer();
  try {
    const compose = await s.open(fileUri('/virtual/docker-compose.yaml'), 'yaml', 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n');
    assert.deepEqual(compose, []);
    const workflow = await s.open(fileUri('/virtual/.github/workflows/ci.yml'), 'yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: "echo hi"}]\n');
    assert.deepEqual(workflow, []);
    const broken = await s.open(fileUri('/virtual/broken.yaml'), 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n');
    const dup = broken.find((d) => d.code === 'yaml-syntax');
    assert.ok(dup, `expected a yaml-syntax finding, got ${JSON.stringify(broken)}`);
    assert.equal(dup.range.start.line, 4);
  } finally {
    await s.shutdown();
  }
});

test('the drydock.rules setting turns rules off or re-grades them in the editor', async () => {
  const s = await startServer({ initializationOptions: { diagnostics: { debounceMs: 0 }, rules: { 'unknown-instruction': 'info', 'missing-from': 'off' } } });
  try {
    const diags = await s.open(fileUri('/virtual/settings/Dockerfile'), 'dockerfile', 'RUNN x\n');
    assert.ok(!diags.some((d) => d.code === 'missing-from'));
    const unknown = diags.find((d) => d.code === 'unknown-instruction');
    assert.equal(unknown?.severity, 3 /* Information */);
  } finally {
    await s.shutdown();
  }
});
