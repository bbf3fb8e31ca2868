import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, fileUri } from './harness';

const DOCKERFILE = 'FROM debian\nLABEL org.opencontainers.image.version=v1\n';

test('the language server honours the workspace .hadolint.yaml and re-checks open Dockerfiles when it changes', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-lsp-hadolint-'));
  const config = path.join(root, '.hadolint.yaml');
  fs.writeFileSync(config, 'ignored: [DL3006]\noverride:\n  warning: [DL3057]\nlabel-schema:\n  org.opencontainers.image.version: semver\n');
  const file = path.join(root, 'app', 'Dockerfile');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, DOCKERFILE);
  const s = await startServer({ rootPath: root });
  const uri = fileUri(file);
  try {
    const first = await s.open(uri, 'dockerfile', DOCKERFILE);
    const codes = first.map((d) => d.code);
    assert.ok(!codes.includes('DL3006'), `ignored: ${codes.join(',')}`);
    const healthcheck = first.find((d) => d.code === 'DL3057');
    assert.ok(healthcheck, `DL3057 turned on by override: ${codes.join(',')}`);
    assert.equal(healthcheck.severity, 2); // Warning
    assert.equal(healthcheck.codeDescription?.href, 'https://github.com/hadolint/hadolint/wiki/DL3057');
    const semver = first.find((d) => d.code === 'DL3056');
    assert.ok(semver, `label-schema: ${codes.join(',')}`);
    assert.equal(semver.range.start.line, 1);

    // The file changes on disk and the client reports it: the open Dockerfile is checked again.
    fs.writeFileSync(config, 'ignored: [DL3056]\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(config, later, later);
    const next = s.nextDiagnostics(uri, 1);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    const after = (await next).map((d) => d.code);
    assert.ok(after.includes('DL3006') && !after.includes('DL3057') && !after.includes('DL3056'), after.join(','));

    // A broken file: a warning that points at it, and the analysis goes on.
    fs.writeFileSync(config, 'ignored: [DL3006\n');
    const later2 = new Date(Date.now() + 10000);
    fs.utimesSync(config, later2, later2);
    const next2 = s.nextDiagnostics(uri, 1);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    const broken = await next2;
    const bad = broken.find((d) => d.code === 'drydock/hadolint-config');
    assert.ok(bad, broken.map((d) => d.code).join(','));
    assert.equal(bad.relatedInformation?.[0]?.location.uri, fileUri(config));
    assert.match(bad.codeDescription?.href ?? '', /docs\/rules\/dockerfile\.md#hadolint-config$/);
    assert.ok(broken.some((d) => d.code === 'DL3006'));

    // Deleted, then created again: each change reported by the client is picked up at once.
    fs.rmSync(config);
    const next3 = s.nextDiagnostics(uri, 1);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 3 }] });
    const gone = (await next3).map((d) => d.code);
    assert.ok(gone.includes('DL3006') && !gone.includes('drydock/hadolint-config'), gone.join(','));
    fs.writeFileSync(config, 'ignored: [DL3006]\n');
    const next4 = s.nextDiagnostics(uri, 1);
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 1 }] });
    const created = (await next4).map((d) => d.code);
    assert.ok(!created.includes('DL3006'), created.join(','));
  } finally {
    await s.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an open .hadolint.yaml shows its own problems where they are', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-lsp-hadolint-open-'));
  const config = path.join(root, '.hadolint.yaml');
  const text = 'ignored: [DL3008]\nlabel-schema:\n  version: number\n';
  fs.writeFileSync(config, text);
  const s = await startServer({ rootPath: root });
  try {
    const uri = fileUri(config);
    const found = await s.open(uri, 'yaml', text);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['drydock/hadolint-config', 2]]);
    assert.match(found[0].codeDescription?.href ?? '', /docs\/rules\/dockerfile\.md#hadolint-config$/);
    const message = found[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /label `version` has type `number`/);
    const fixed = await s.change(uri, 'ignored: [DL3008]\nlabel-schema:\n  version: semver\n');
    assert.deepEqual(fixed, []);
  } finally {
    await s.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
