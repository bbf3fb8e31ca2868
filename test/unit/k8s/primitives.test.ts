import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  labelSelectorFromObject,
  parseLabelSelector,
  selectorFromMap,
  resolveFenceposts,
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isQualifiedName,
  isLabelValue,
  isValidPortName,
  compareQuantities,
  parseQuantity,
  invalidValue,
} from '../../../server/src/k8s/index';

test('metav1.LabelSelector: null selects nothing, {} everything, matchLabels and expressions are ANDed', () => {
  assert.equal(labelSelectorFromObject(null).matches({ a: 'b' }), false);
  assert.equal(labelSelectorFromObject(undefined).matches({}), false);
  assert.equal(labelSelectorFromObject(null).nothing, true);
  assert.equal(labelSelectorFromObject({}).matches({}), true);
  assert.equal(labelSelectorFromObject({}).everything, true);
  assert.equal(labelSelectorFromObject({ matchLabels: {}, matchExpressions: [] }).matches({ x: 'y' }), true);
  const sel = labelSelectorFromObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['front', 'edge'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
    ],
  });
  assert.equal(sel.matches({ app: 'web', tier: 'front' }), true);
  assert.equal(sel.matches({ app: 'web', tier: 'front', env: 'prod' }), true);
  assert.equal(sel.matches({ app: 'web', tier: 'front', env: 'dev' }), false);
  assert.equal(sel.matches({ app: 'web', tier: 'front', canary: 'true' }), false);
  assert.equal(sel.matches({ app: 'web' }), false, 'In needs the key present');
  assert.equal(sel.toString(), 'app=web,!canary,env notin (dev),tier in (edge,front)');
  assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }), /not a valid label selector operator/);
  assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), /can't be empty/);
  assert.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }), /must be empty/);
  assert.throws(() => labelSelectorFromObject({ matchLabels: { 'bad key!': 'x' } }), /key: Invalid value/);
});

test('string selectors: Gt/Lt need integers, NotIn matches an absent key', () => {
  assert.equal(parseLabelSelector('n>1').matches({ n: '2' }), true);
  assert.equal(parseLabelSelector('n>1').matches({ n: 'x' }), false);
  assert.equal(parseLabelSelector('n<1').matches({}), false);
  assert.equal(parseLabelSelector('a notin (b)').matches({}), true);
  assert.equal(parseLabelSelector('a!=b').matches({}), true);
  assert.equal(parseLabelSelector('a == b').toString(), 'a==b');
  assert.equal(selectorFromMap({ app: 'x' }).matches({ app: 'x', other: 'y' }), true);
  assert.equal(selectorFromMap({}).matches({}), true);
});

test('resolveFenceposts: surge rounds up, unavailable down, never both zero', () => {
  assert.deepEqual(resolveFenceposts('25%', '25%', 10), { surge: 3, unavailable: 2 });
  assert.deepEqual(resolveFenceposts('25%', '25%', 1), { surge: 1, unavailable: 0 });
  assert.deepEqual(resolveFenceposts(0, 0, 5), { surge: 0, unavailable: 1 });
  assert.deepEqual(resolveFenceposts('0%', '10%', 3), { surge: 0, unavailable: 1 });
});

test('name validators keep the API server wording', () => {
  assert.deepEqual(isDNS1123Label('my-name'), []);
  assert.match(isDNS1123Label('My_Name')[0], /^a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character \(e\.g\. 'my-name',  or '123-abc', regex used for validation is/);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(isDNS1123Subdomain('web.example.com'), []);
  assert.equal(isDNS1123Subdomain('a'.repeat(254))[0], 'must be no more than 253 characters');
  assert.match(isDNS1123Subdomain('Web')[0], /RFC 1123 subdomain/);
  assert.deepEqual(isDNS1035Label('web-1'), []);
  assert.match(isDNS1035Label('1web')[0], /^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
  assert.deepEqual(isQualifiedName('/name'), ['prefix part must be non-empty']);
  assert.match(isQualifiedName('a/b/c')[0], /^a qualified name must consist of/);
  assert.match(isQualifiedName('Bad_Prefix/x')[0], /^prefix part a lowercase RFC 1123 subdomain/);
  assert.match(isQualifiedName('-x')[0], /^name part must consist of alphanumeric characters/);
  assert.deepEqual(isLabelValue(''), []);
  assert.match(isLabelValue('a b')[0], /^a valid label must be an empty string or consist of alphanumeric characters/);
  assert.deepEqual(isValidPortName('http'), []);
  assert.ok(isValidPortName('8080').length > 0);
  assert.ok(isValidPortName('a--b').length > 0);
  assert.ok(isValidPortName('a-very-long-port-name').length > 0);
  assert.equal(invalidValue('metadata.name', 'Web', 'x'), 'metadata.name: Invalid value: "Web": x');
  assert.equal(
    invalidValue('spec.template.metadata.labels', { b: '2', a: '1' }, 'y'),
    'spec.template.metadata.labels: Invalid value: map[string]string{"a":"1", "b":"2"}: y',
  );
});

test('quantities compare by value across suffix families', () => {
  assert.equal(compareQuantities('1Gi', '1024Mi'), 0);
  assert.ok(compareQuantities('1G', '1Gi') < 0);
  assert.ok(compareQuantities(parseQuantity('500m'), parseQuantity(1)) < 0);
  assert.equal(parseQuantity('1.5Gi').intValue, 1610612736n);
  assert.equal(parseQuantity('0.5').value, '0.5');
});
