import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseManifests } from '../../../../server/src/manifests/parse';
import { validateResource, collectCrdSchemas } from '../../../../server/src/manifests/validation/index';
import { parseQuantity, QuantityError, parseLabelSelector, SelectorError, labelSelectorFromObject } from '../../../../server/src/k8s/index';
import { stringify } from 'yaml';

const KINDS: Array<[string, string]> = [
  ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['v1', 'Service'], ['v1', 'Pod'], ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'], ['v1', 'ConfigMap'], ['policy/v1', 'PodDisruptionBudget'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'], ['example.com/v1', 'Widget'],
];
const KEYS = ['spec', 'metadata', 'name', 'labels', 'selector', 'matchLabels', 'matchExpressions', 'template', 'containers', 'ports',
  'resources', 'requests', 'limits', 'cpu', 'port', 'nodePort', 'targetPort', 'rules', 'http', 'paths', 'path', 'pathType',
  'schedule', 'strategy', 'rollingUpdate', 'maxSurge', 'maxUnavailable', 'volumes', 'volumeMounts', 'data', 'versions', 'schema',
  'openAPIV3Schema', 'properties', 'type', 'items', 'operator', 'values', 'key', 'minReplicas', 'maxReplicas', 'env', 'x'];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, -1, 1.5, 70000, '', '0%', '100m', 'x y', '*', '1e9999'),
    fc.string({ maxLength: 8 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 4 }),
  ),
})).v;

test('no validator throws on random objects of many kinds (exceptions let through for the test)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }), ([apiVersion, kind], body) => {
      const text = stringify({ apiVersion, kind, ...body });
      const p = parseManifests(text);
      const crds = collectCrdSchemas(p.resources);
      for (const r of p.resources) {
        const f = validateResource(r, p.lines, { crds, rethrow: true });
        assert.ok(Array.isArray(f));
      }
    }),
    { numRuns: 400, seed: 42 },
  );
});

test('the primitives throw only their own errors on random input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (s) => {
      try {
        parseQuantity(s);
      } catch (e) {
        assert.ok(e instanceof QuantityError, `${JSON.stringify(s)}: ${String(e)}`);
      }
      try {
        parseLabelSelector(s);
      } catch (e) {
        assert.ok(e instanceof SelectorError, `${JSON.stringify(s)}: ${String(e)}`);
      }
    }),
    { numRuns: 2000, seed: 7 },
  );
  fc.assert(
    fc.property(value, (v) => {
      try {
        labelSelectorFromObject(v);
      } catch (e) {
        assert.ok(e instanceof SelectorError, String(e));
      }
    }),
    { numRuns: 500, seed: 9 },
  );
  assert.throws(() => parseQuantity('1e99999'), QuantityError, 'absurd exponents are refused, not computed');
});
