import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planDockerfile } from '../../../server/src/dockerfile/index';
import { estimateRunLayer, PACKAGE_BYTES } from '../../../server/src/dockerfile/estimate';

const MiB = 1024 * 1024;

test('a RUN that installs named packages gets an estimate from the package count and what the manager leaves behind', () => {
  const clean = estimateRunLayer('apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*')!;
  assert.equal(clean.bytes, 2 * PACKAGE_BYTES.apt);
  const lists = estimateRunLayer('apt-get update && apt-get install -y git')!;
  assert.equal(lists.bytes, PACKAGE_BYTES.apt + 20 * MiB, 'apt lists stay when not removed');
  assert.ok(lists.basis.some((b) => b.includes('apt lists')));
  assert.equal(estimateRunLayer('apk add --no-cache bash')!.bytes, PACKAGE_BYTES.apk);
  assert.equal(estimateRunLayer('apk add bash')!.bytes, PACKAGE_BYTES.apk + 3 * MiB);
  assert.equal(estimateRunLayer('pip install --no-cache-dir flask==3.0.3 gunicorn')!.bytes, 2 * PACKAGE_BYTES.pip);
  assert.equal(estimateRunLayer('pip install flask')!.bytes, 2 * PACKAGE_BYTES.pip, "pip's cache doubles it");
  assert.equal(estimateRunLayer('npm install -g typescript && npm cache clean --force')!.bytes, PACKAGE_BYTES.npm);
  assert.equal(estimateRunLayer('set -eux; useradd -m app && sh -c "apk add --no-cache tini"')!.bytes, PACKAGE_BYTES.apk, 'sh -c scripts count');
});

test('a RUN doing anything Drydock cannot size stays unknown', () => {
  for (const script of [
    'curl -fsSL https://example.com/x.tgz | tar xz -C /opt',
    'pip install -r requirements.txt',
    'npm ci --omit=dev',
    'apt-get update && apt-get install -y $PACKAGES',
    'make && make install',
    'apt-get upgrade -y',
    'echo hello',
  ]) assert.equal(estimateRunLayer(script), null, script);
});

test('the plan marks RUN estimates as estimated and keeps them out of the known bytes', () => {
  const plan = planDockerfile('FROM alpine:3.20\nRUN apk add --no-cache bash\nRUN ./build.sh\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nRUN <<EOF\napk add --no-cache curl\nEOF\n');
  const [est, script, cached, heredoc] = plan.stages[0].steps;
  assert.equal(est.estimated, true);
  assert.equal(est.sizeBytes, PACKAGE_BYTES.apk);
  assert.equal(est.tarBytes, PACKAGE_BYTES.apk + 1024);
  for (const s of [script, cached, heredoc]) {
    assert.equal(s.estimated, false);
    assert.equal(s.sizeBytes, null);
  }
  assert.equal(plan.image.knownBytes, 0, 'an estimate is not a known size');
  assert.equal(plan.image.unknownLayers, 4);
});

test('a RUN whose command is named like an Object.prototype member gets no estimate, and the plan is still made', () => {
  for (const cmd of ['constructor x', '__proto__ install x', 'toString a b', 'hasOwnProperty install curl']) {
    assert.equal(estimateRunLayer(cmd), null, cmd);
    const plan = planDockerfile(`FROM alpine:3.20\nRUN ${cmd}\n`);
    const run = plan.stages[0].steps.find((s) => s.instruction === 'RUN')!;
    assert.equal(run.kind, 'layer');
    assert.equal(run.estimated, false, cmd);
  }
});
