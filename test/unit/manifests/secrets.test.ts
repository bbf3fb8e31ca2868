import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyseManifestSet } from '../../../server/src/workspace/manifests';
import { createCluster } from '../../../server/src/cluster/index';
import { clusterView } from '../../../server/src/cluster/view';
import { parseManifests } from '../../../server/src/manifests/index';

/** Every place a secret value can sit in a manifest, each with a marker that must never be printed. */
const MANIFEST = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
data:
  password: not-base64-MARKER1!!
  url: TUFSS0VSMg==
stringData:
  token: MARKER3
  pin: 12345678
  list: [MARKER4]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.0
          env:
            - name: DB_PASSWORD
              value: MARKER5
            - name: API_TOKEN
              value: 87654321
            - name: API_KEY
              valueFrom: MARKER6
            - name: AWS_SECRET_ACCESS_KEY
              value: [MARKER7]
            - name: GITHUB_TOKEN
              value:
                nested: MARKER8
`;
const SECRETS = ['MARKER1', 'TUFSS0VSMg', 'MARKER3', '12345678', 'MARKER4', 'MARKER5', '87654321', 'MARKER6', 'MARKER7', 'MARKER8'];

test('no finding, fix or related message prints a Secret value or a credential-looking env value', () => {
  const { findings } = analyseManifestSet([{ path: '/ws/secrets.yaml', text: MANIFEST }]);
  const all = [...findings.values()].flat();
  // The problems are still found (wrong types, bad base64, a plain-text secret) ...
  for (const rule of ['drydock/schema', 'drydock/invalid-secret-data', 'env-var-secret']) assert.ok(all.some((f) => f.rule === rule), rule);
  assert.ok(all.some((f) => /illegal base64 data at input byte 3/.test(f.message)));
  assert.equal(all.filter((f) => /value not shown: it may be a secret/.test(f.message)).length, 6, all.map((f) => f.message).join('\n'));
  // ... without their values.
  const printed = JSON.stringify(all);
  for (const s of SECRETS) assert.ok(!printed.includes(s), `${s} leaked: ${all.find((f) => JSON.stringify(f).includes(s))?.message}`);
});

test('a value that is not a secret is still shown, so ordinary type errors stay helpful', () => {
  const { findings } = analyseManifestSet([{ path: '/ws/cm.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\ndata:\n  port: 8080\n' }]);
  assert.ok([...findings.values()].flat().some((f) => f.message === 'data.port: wrong type: expected string, got number 8080'));
});

test('valid base64 (with CR/LF line breaks and padding) passes; an illegal character is reported at its byte; bad padding or length fail', () => {
  const check = (v: string) => [...analyseManifestSet([{ path: '/ws/s.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: x\ndata:\n  k: ${JSON.stringify(v)}\n` }]).findings.values()].flat().filter((f) => f.rule === 'drydock/invalid-secret-data').map((f) => /byte (\d+)/.exec(f.message)![1]);
  assert.deepEqual(check('aGVsbG8='), []);
  assert.deepEqual(check('aGVs\nbG8='), []);
  assert.equal(check('aGVsbG8').length, 1);
  assert.equal(check('aG=sbG8=').length, 1);
  assert.deepEqual(check('aGVs bG8='), ['4']);
});

test('the simulator keeps Secret data out of the Cluster view and its events', () => {
  const cluster = createCluster();
  const resources = parseManifests(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n${MANIFEST}`).resources;
  cluster.apply(resources.map((r) => r.object));
  cluster.runUntilStable();
  assert.ok(cluster.snapshot().objects.some((o) => o.kind === 'Secret'), 'the Secret was applied');
  const view = JSON.stringify(clusterView(cluster));
  for (const s of SECRETS) assert.ok(!view.includes(s), `${s} in the cluster view`);
});
