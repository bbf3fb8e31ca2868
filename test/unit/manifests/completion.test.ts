import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completeManifest, parseManifests, type ManifestCompletion } from '../../../server/src/manifests/index';

const WORKSPACE = parseManifests(`apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  LOG_LEVEL: info
  PORT: "8080"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
    - name: admin
      port: 9000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    tier: frontend
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
          image: shop/web:1.0
          ports:
            - name: http
              containerPort: 8080
`).resources;

/** Completes at the `|` of the text. */
function at(textWithCursor: string): ManifestCompletion[] {
  const lines = textWithCursor.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const character = lines[line].indexOf('|');
  return completeManifest(textWithCursor.replace('|', ''), { line, character }, { resources: WORKSPACE });
}
const labels = (items: ManifestCompletion[]) => items.map((c) => c.label);

const deployment = (body: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n${body}`;

test('keys of the object at the cursor come from the Kubernetes schema, without those already written', () => {
  const items = at(deployment('      containers:\n        - name: app\n          image: x\n          |\n'));
  const names = labels(items);
  for (const k of ['ports', 'env', 'resources', 'livenessProbe', 'imagePullPolicy']) assert.ok(names.includes(k), k);
  assert.ok(!names.includes('name') && !names.includes('image'), 'keys already present are not offered again');
  const ports = items.find((c) => c.label === 'ports')!;
  assert.equal(ports.insertText, 'ports:\n            - $0', 'a list of objects opens a list item one level deeper');
  assert.match(ports.detail!, /\[\]ContainerPort/);
  assert.match(ports.documentation!, /ports to expose/i);
});

test('a new list item offers the keys of the element type, required first', () => {
  const items = at(deployment('      containers:\n      - |\n'));
  const name = items.find((c) => c.label === 'name')!;
  assert.ok(name, JSON.stringify(labels(items)));
  assert.ok(name.sortText! < items.find((c) => c.label === 'image')!.sortText!, 'required name sorts before optional image');
  assert.match(name.detail!, /required/);
});

test('enum values and booleans in value position', () => {
  assert.deepEqual(labels(at(deployment('      containers:\n        - name: app\n          imagePullPolicy: |\n'))).sort(), ['Always', 'IfNotPresent', 'Never']);
  assert.deepEqual(labels(at(deployment('      hostNetwork: |\n'))).sort(), ['false', 'true']);
  const strategy = at('apiVersion: apps/v1\nkind: Deployment\nspec:\n  strategy:\n    type: R|\n');
  assert.deepEqual(labels(strategy).sort(), ['Recreate', 'RollingUpdate']);
  assert.deepEqual(strategy[0].range, { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } }, 'the typed prefix is replaced');
});

test('before apiVersion and kind are typed: whole objects by kind, and metadata keys', () => {
  const items = at('|');
  const dep = items.find((c) => c.label === 'Deployment (apps/v1)')!;
  assert.ok(dep);
  assert.ok(dep.insertText.startsWith('apiVersion: apps/v1\nkind: Deployment\n'));
  assert.ok(items.some((c) => c.label === 'kind') && items.some((c) => c.label === 'apiVersion'));
  const meta = labels(at('metadata:\n  |'));
  assert.ok(meta.includes('name') && meta.includes('labels') && meta.includes('namespace'));
  assert.ok(!meta.includes('uid') && !meta.includes('resourceVersion'), 'fields the API server sets are not offered');
  assert.deepEqual(labels(at('apiVersion: apps/v1\nkind: |')).sort(), ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);
  const versions = labels(at('kind: Ingress\napiVersion: |'));
  assert.ok(versions.includes('networking.k8s.io/v1'), JSON.stringify(versions));
  assert.ok(!versions.includes('apps/v1'));
});

test('references: ConfigMap names and keys, Service names and ports, named container ports', () => {
  const env = (tail: string) => deployment(`      containers:\n        - name: app\n          env:\n            - name: X\n              valueFrom:\n                configMapKeyRef:\n${tail}`);
  assert.deepEqual(labels(at(env('                  name: |\n'))), ['web-config']);
  assert.deepEqual(labels(at(env('                  name: web-config\n                  key: |\n'))).sort(), ['LOG_LEVEL', 'PORT']);
  assert.deepEqual(labels(at(env('                  key: |\n                  name: web-config\n'))).sort(), ['LOG_LEVEL', 'PORT'], 'the name may come after the key');
  const ingress = (tail: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n${tail}`;
  assert.deepEqual(labels(at(ingress('                name: |\n'))), ['web']);
  assert.deepEqual(labels(at(ingress('                name: web\n                port:\n                  number: |\n'))).sort(), ['80', '9000']);
  assert.deepEqual(labels(at(ingress('                name: web\n                port:\n                  name: |\n'))).sort(), ['admin', 'http']);
  const svc = labels(at('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n    - port: 80\n      targetPort: |\n'));
  assert.deepEqual(svc, ['http']);
});

test('label keys and values already used in the workspace', () => {
  const keys = labels(at(deployment('').replace('    spec:\n', '    metadata:\n      labels:\n        |\n')));
  assert.ok(keys.includes('app') && keys.includes('tier'), JSON.stringify(keys));
  assert.deepEqual(labels(at('apiVersion: v1\nkind: Service\nspec:\n  selector:\n    app: |\n')), ['web']);
});

test('outside a mapping or on a value that is not ours, nothing is offered', () => {
  assert.deepEqual(at(deployment('      containers:\n        - name: app\n          image: |\n')).length, 0);
  assert.deepEqual(at('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3 |\n').length, 0);
});
