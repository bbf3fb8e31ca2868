import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const drydock = (args: string[], cwd = ROOT) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-layers-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"x"}\n'); // 13 bytes
  fs.writeFileSync(path.join(dir, 'src', 'app.js'), 'x'.repeat(1000));
  fs.writeFileSync(path.join(dir, 'secret.log'), 'nope');
  fs.writeFileSync(path.join(dir, '.dockerignore'), '*.log\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM node:20-alpine AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\nRUN npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
  return dir;
}

test('layers --format json: the documented fields, sizes from the context after .dockerignore', () => {
  const dir = project();
  try {
    const r = drydock(['layers', path.join(dir, 'Dockerfile'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.target, '1', 'the last stage, unnamed, is the target');
    assert.equal(plan.stages.length, 2);
    for (const key of ['name', 'index', 'base', 'skipped', 'steps']) assert.ok(key in plan.stages[0], key);
    for (const key of ['instruction', 'arguments', 'line', 'kind', 'sizeBytes', 'tarBytes', 'estimated', 'inputs']) assert.ok(key in plan.stages[0].steps[0], key);
    const [, pkg, run, src] = plan.stages[0].steps;
    assert.equal(pkg.sizeBytes, 13);
    assert.equal(run.sizeBytes, null);
    assert.equal(src.sizeBytes, 1000);
    assert.equal(plan.context.ignored, 1, 'secret.log is ignored');
    assert.ok(Array.isArray(plan.image.layers) && typeof plan.image.knownBytes === 'number');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('layers --changed says which steps rebuild; --target skips stages; text output is readable', () => {
  const dir = project();
  try {
    const r = drydock(['layers', 'Dockerfile', '--changed', 'src/app.js'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /COPY\s+src \.\/src.*↻ rebuilds/);
    assert.doesNotMatch(r.stdout, /COPY\s+package\.json.*↻/);
    assert.match(r.stdout, /a change to src\/app\.js rebuilds 3 step\(s\)/);
    const t = drydock(['layers', 'Dockerfile', '--target', 'build', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(t.stdout).stages.map((s: { skipped: boolean }) => s.skipped), [false, true]);
    const bad = drydock(['layers', 'Dockerfile', '--target', 'nope'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /target stage "nope" not found/);
    assert.equal(drydock(['layers'], dir).code, 2);
    assert.equal(drydock(['layers', 'missing/Dockerfile'], dir).code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('layers --workspace lists Dockerfiles whose images share leading layers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-share-'));
  try {
    for (const svc of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(dir, svc));
      fs.writeFileSync(path.join(dir, svc, 'common.sh'), 'echo common\n');
    }
    const common = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\nCOPY common.sh /usr/local/bin/\n';
    fs.writeFileSync(path.join(dir, 'a', 'Dockerfile'), common + 'CMD ["a"]\n');
    fs.writeFileSync(path.join(dir, 'b', 'Dockerfile'), common + 'RUN echo b\nCMD ["b"]\n');
    fs.writeFileSync(path.join(dir, 'c', 'Dockerfile'), 'FROM alpine:3.20\nCOPY common.sh /usr/local/bin/\n');
    const r = drydock(['layers', path.join(dir, 'a', 'Dockerfile'), '--workspace', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const shared = JSON.parse(r.stdout).sharedWith as Array<{ path: string; layers: number; steps: number }>;
    assert.deepEqual(shared.map((s) => [path.relative(dir, s.path), s.layers, s.steps]), [[path.join('b', 'Dockerfile'), 2, 2]], 'c has another base; b shares RUN and COPY');
    const text = drydock(['layers', path.join(dir, 'a', 'Dockerfile'), '--workspace', dir]);
    assert.match(text.stdout, /shares 2 layer\(s\) .* with .*b\/Dockerfile/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
