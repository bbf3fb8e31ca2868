import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ManifestIndex, definitionAt, edgeAt, pathAt, referencesFrom, referencesTo, resolveServicePort, selection, selectorsOf } from '../../../server/src/manifests/index';
import { LineIndex } from '../../../server/src/common/text';

const SHOP = path.resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'k8s');
const ix = new ManifestIndex();
for (const f of fs.readdirSync(SHOP)) ix.update(path.join(SHOP, f), fs.readFileSync(path.join(SHOP, f), 'utf8'));
const graph = ix.graph();
const get = (kind: string, name: string) => graph.find(kind, 'shop', name)!;

/** The position of the n-th occurrence of `needle` (plus `delta` characters) in a file of the shop. */
function posOf(file: string, needle: string, delta = 0, nth = 0) {
  const text = fs.readFileSync(path.join(SHOP, file), 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return { lines: new LineIndex(text), pos: new LineIndex(text).positionAt(at + delta) };
}

test('selection: the web Service selects Deployment web and its 3 pods; the api Service selects nothing', () => {
  const web = selection(graph, get('Service', 'web'));
  assert.deepEqual(web.workloads.map((w) => `${w.kind}/${w.name}`), ['Deployment/web']);
  assert.equal(web.pods, 3);
  assert.equal(selection(graph, get('Service', 'api')).workloads.length, 0);
  assert.deepEqual(selectorsOf(graph, get('Deployment', 'web')).map((r) => `${r.kind}/${r.name}`), ['Service/web']);
});

test('resolveServicePort: by name and number through targetPort to container ports; a missing port resolves to nothing', () => {
  const web = get('Service', 'web');
  const byName = resolveServicePort(graph, web, 'http');
  assert.equal(byName.index, 0);
  assert.equal(byName.targetPort, 'http');
  assert.deepEqual(byName.targets.map((t) => [t.workload.name, t.container, t.containerPort, t.portName]), [['web', 'web', 8080, 'http']]);
  assert.deepEqual(resolveServicePort(graph, web, 80).targets.map((t) => t.containerPort), [8080]);
  assert.equal(resolveServicePort(graph, web, 'https').index, null);
  // The api Service has the port but selects no pods: nothing to land on.
  const api = resolveServicePort(graph, get('Service', 'api'), 8000);
  assert.equal(api.index, 0);
  assert.deepEqual(api.targets, []);
});

test('pathAt, edgeAt and definitionAt follow a reference under the cursor across files', () => {
  const ingress = get('Ingress', 'shop');
  const { lines, pos } = posOf('ingress.yaml', 'name: web', 7);
  const p = pathAt(ingress, lines, pos)!;
  assert.deepEqual(p.slice(0, 3), ['spec', 'rules', 0]);
  assert.equal(p.at(-1), 'name');
  assert.equal(p.at(-2), 'service');
  assert.equal(edgeAt(graph, ingress, p)?.relation, 'routes');
  const target = definitionAt(graph, ingress, p);
  assert.equal(target && `${target.kind}/${target.name}`, 'Service/web');
  assert.equal(ix.fileOf(target!), path.join(SHOP, 'web.yaml'));
  // On the port key of the same backend: the same reference.
  const port = posOf('ingress.yaml', 'port:', 0, 1);
  assert.equal(definitionAt(graph, ingress, pathAt(ingress, port.lines, port.pos)!)?.name, 'web');
  // Outside any reference: nothing.
  const meta = posOf('ingress.yaml', 'metadata:', 0);
  assert.equal(edgeAt(graph, ingress, pathAt(ingress, meta.lines, meta.pos)!), null);
});

test('referencesTo and referencesFrom: what points at a Secret, and dangling references kept', () => {
  const secret = get('Secret', 'api-secrets');
  assert.deepEqual(referencesTo(graph, secret).map((e) => `${e.from.kind}/${e.from.name} ${e.relation}`), ['Deployment/api uses']);
  const worker = referencesFrom(graph, get('Deployment', 'worker'));
  assert.ok(worker.some((e) => e.to === null && e.target === 'ConfigMap/shop/worker-config'));
});
