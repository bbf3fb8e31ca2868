import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseManifests } from '../../../../server/src/manifests/parse';
import {
  validateResource,
  describeField,
  collectCrdSchemas,
  suggest,
  KUBERNETES_VERSION,
  SCHEMA_SOURCE,
} from '../../../../server/src/manifests/validation/index';
import type { Finding } from '../../../../server/src/common/types';

function check(yaml: string, withCrds = false): Finding[] {
  const p = parseManifests(yaml);
  const crds = withCrds ? collectCrdSchemas(p.resources) : undefined;
  return p.resources.flatMap((r) => validateResource(r, p.lines, { crds }));
}
const covered = (yaml: string, f: Finding): string => yaml.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    version: 2
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          port: 80
          resources:
            limits: {cpu: true}
          readinessProbe:
            httpGet: {port: http}
      volumes:
        - name: data
          emptyDir: {}
          hostpath: {path: /x}
`;

test('the pinned schema comes from kubernetes-types', () => {
  assert.match(SCHEMA_SOURCE, /^kubernetes-types@1\.\d+\.\d+$/);
  assert.match(KUBERNETES_VERSION, /^1\.\d+$/);
});

test('unknown fields with a suggestion, on the exact key', () => {
  const f = check(DEPLOY).filter((x) => x.message.includes('unknown field'));
  assert.deepEqual(f.map((x) => x.message), [
    'spec.template.spec.containers[0].port: unknown field; did you mean ports?',
    'spec.template.spec.volumes[0].hostpath: unknown field; did you mean hostPath?',
  ]);
  assert.equal(covered(DEPLOY, f[0]), 'port');
  assert.equal(f[0].range.start.line, 17);
  assert.equal(covered(DEPLOY, f[1]), 'hostpath');
  assert.ok(f.every((x) => x.severity === 'error' && x.rule === 'drydock/schema'));
});

test('wrong types name the expected type and the value, on the value', () => {
  const f = check(DEPLOY).filter((x) => x.message.includes('wrong type'));
  assert.deepEqual(f.map((x) => x.message), [
    'metadata.labels.version: wrong type: expected string, got number 2',
    'spec.replicas: wrong type: expected number, got string "3"',
    'spec.template.spec.containers[0].resources.limits.cpu: wrong type: expected quantity (string or number), got boolean true',
  ]);
  assert.equal(covered(DEPLOY, f[1]), '"3"');
  assert.equal(covered(DEPLOY, f[0]), '2');
});

test('missing required fields (reported once when an API-server rule names it too)', () => {
  const y = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: busybox\n      ports:\n        - name: http\n';
  const msgs = check(y).map((x) => x.message);
  assert.ok(msgs.includes('spec.containers[0].ports[0]: missing required field "containerPort"') || msgs.includes('spec.containers[0].ports[0].containerPort: Required value'), msgs.join('\n'));
  assert.equal(msgs.filter((m) => m.includes('containerPort')).length, 1, msgs.join('\n'));
  assert.equal(msgs.filter((m) => m.includes('"name"') || m.includes('.name: Required')).length, 1, msgs.join('\n'));
  const rb = check('apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nsubjects: []\n');
  assert.deepEqual(rb.map((x) => x.message), ['(root): missing required field "roleRef"']);
});

test('unknown kinds are not errors; CRDs in the stream give custom resources a schema', () => {
  assert.deepEqual(check('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: 1\n'), []);
  const y = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, description: How big the widget is.}
                colour: {type: string, enum: [red, blue]}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  sise: 3
  colour: green
  extra: {free: form}
`;
  const f = check(y, true);
  assert.deepEqual(f.map((x) => x.message), [
    'spec: missing required field "size"',
    'spec.sise: unknown field; did you mean size?',
    'spec.colour: Unsupported value: "green": supported values: "red", "blue"',
  ]);
  assert.equal(covered(y, f[1]), 'sise');
  const crds = collectCrdSchemas(parseManifests(y).resources);
  assert.deepEqual(describeField('example.com/v1', 'Widget', ['spec', 'size'], crds), { description: 'How big the widget is.', type: 'integer', required: true });
});

test('describeField reads the real field documentation', () => {
  const d = describeField('apps/v1', 'Deployment', ['spec', 'replicas'])!;
  assert.match(d.description, /desired pods/i);
  assert.equal(d.type, 'number');
  const c = describeField('v1', 'Pod', ['spec', 'containers', 0, 'image'])!;
  assert.match(c.description, /Container image name/);
  assert.equal(describeField('v1', 'Pod', ['spec', 'containers'])!.type, '[]Container');
  assert.equal(describeField('v1', 'Pod', ['spec', 'containers'])!.required, true);
  assert.equal(describeField('v1', 'ConfigMap', ['data'])!.type, 'map[string]string');
  assert.equal(describeField('v1', 'Pod', ['spec', 'nope']), null);
  const cpu = describeField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'])!;
  assert.equal(cpu.type, 'Quantity');
  assert.match(cpu.description, /maximum amount of compute resources/);
  assert.equal(describeField('v1', 'ConfigMap', ['metadata', 'labels', 'app'])!.type, 'string');
  assert.equal(describeField('example.com/v1', 'Nope', []), null);
});

test('suggestions only for near misses', () => {
  assert.equal(suggest('port', ['ports', 'image', 'name']), 'ports');
  assert.equal(suggest('imagePullpolicy', ['imagePullPolicy', 'image']), 'imagePullPolicy');
  assert.equal(suggest('replica', ['replicas', 'selector']), 'replicas');
  assert.equal(suggest('zzzzzz', ['replicas', 'selector']), null);
});

test('the committed compact schema matches what build-schema.mjs makes from the installed package', () => {
  const script = join(__dirname, '..', '..', '..', '..', 'server', 'src', 'manifests', 'validation', 'schema', 'build-schema.mjs');
  const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.match(out, /up to date/);
});

test('enum values from the OpenAPI enums, reported once, on the value', () => {
  const y = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: Sometimes
  containers:
    - name: app
      image: nginx:1.27
      imagePullPolicy: always
`;
  const f = check(y);
  assert.deepEqual(f.map((x) => x.message), [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"',
    'spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
  ]);
  assert.equal(covered(y, f[1]), 'always');
  assert.deepEqual(describeField('v1', 'Service', ['spec', 'type'])!.enum, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
});
