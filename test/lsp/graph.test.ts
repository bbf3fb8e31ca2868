import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, fileUri, ROOT } from './harness';
import { filterNamespace, layoutGraph, namespacesOf, reuseLayout } from '../../client/src/graph/layout';
import type { ResourceGraphResult } from '../../server/src/protocol';

const SHOP = path.join(ROOT, 'examples', 'shop');
const K8S = path.join(SHOP, 'k8s');
const read = (f: string) => fs.readFileSync(path.join(K8S, f), 'utf8');

test('drydock/resourceGraph over LSP: nodes with their manifest ranges, dangling references, Dockerfiles, the namespace filter, edits', async () => {
  const s = await startServer({ rootPath: SHOP });
  try {
    const g = await s.request<ResourceGraphResult>('drydock/resourceGraph', {});
    const byId = new Map(g.nodes.map((n) => [n.id, n]));

    // Every declared resource points at the line of its `kind:` in its own file.
    const web = byId.get('Deployment/shop/web');
    assert.ok(web?.uri && web.range, JSON.stringify(web));
    assert.equal(web.uri, fileUri(path.join(K8S, 'web.yaml')));
    const webLines = read('web.yaml').split('\n');
    assert.equal(webLines[web.range.start.line].slice(web.range.start.character, web.range.end.character), 'Deployment');
    for (const n of g.nodes.filter((x) => x.uri && x.range && x.kind !== 'Dockerfile')) {
      const lines = fs.readFileSync(fileURLToPath(n.uri!), 'utf8').split('\n');
      assert.match(lines[n.range!.start.line], new RegExp(`kind:\\s*${n.kind}`), n.id);
    }

    // The api Service selects app=shop-api, but the pods are labelled app=api: a dangling edge to a dangling node.
    const selects = g.edges.find((e) => e.from === 'Service/shop/api' && e.relation === 'selects');
    assert.ok(selects, JSON.stringify(g.edges.filter((e) => e.from === 'Service/shop/api')));
    assert.equal(selects.dangling, true);
    assert.equal(byId.get(selects.to)?.dangling, true);
    assert.match(selects.to, /app=shop-api/);
    // The worker reads a ConfigMap nobody defines.
    const missing = g.edges.find((e) => e.from === 'Deployment/shop/worker' && e.to === 'ConfigMap/shop/worker-config');
    assert.equal(missing?.dangling, true);
    // Edges that resolve are not dangling.
    assert.equal(g.edges.find((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/web')?.dangling, false);

    // Images built in the workspace get Dockerfile nodes that open the Dockerfile.
    const runs = g.edges.filter((e) => e.relation === 'runs');
    const webImage = runs.find((e) => e.from === 'Deployment/shop/web');
    assert.ok(webImage, JSON.stringify(runs));
    assert.equal(byId.get(webImage.to)?.kind, 'Dockerfile');
    assert.equal(byId.get(webImage.to)?.uri, fileUri(path.join(SHOP, 'web', 'Dockerfile')));
    assert.equal(webImage.dangling, false);

    // The server's namespace filter.
    const none = await s.request<ResourceGraphResult>('drydock/resourceGraph', { namespace: 'no-such-namespace' });
    assert.ok(!none.nodes.some((n) => n.namespace === 'shop'), JSON.stringify(none.nodes.map((n) => n.id)));

    // An unsaved edit that fixes the selector is reflected at once: the edge resolves to the api Deployment.
    const api = fileUri(path.join(K8S, 'api.yaml'));
    await s.open(api, 'yaml', read('api.yaml').replace('app: shop-api', 'app: api'));
    const fixed = await s.request<ResourceGraphResult>('drydock/resourceGraph', {});
    const now = fixed.edges.filter((e) => e.from === 'Service/shop/api' && e.relation === 'selects');
    assert.deepEqual(now.map((e) => [e.to, e.dangling]), [['Deployment/shop/api', false]]);
    assert.ok(!fixed.nodes.some((n) => /app=shop-api/.test(n.id)));
  } finally {
    await s.shutdown();
  }
});

test('the panel layout of the LSP graph: every node placed without overlap, edges from border to border, the filter keeps linked Dockerfiles', async () => {
  const s = await startServer({ rootPath: SHOP });
  let g: ResourceGraphResult;
  try {
    g = await s.request<ResourceGraphResult>('drydock/resourceGraph', {});
  } finally {
    await s.shutdown();
  }
  assert.deepEqual(namespacesOf(g), ['shop']);
  const shop = filterNamespace(g, 'shop');
  assert.ok(shop.nodes.some((n) => n.kind === 'Dockerfile'), 'Dockerfiles the shop runs stay in the shop view');
  assert.ok(shop.nodes.some((n) => n.kind === 'Namespace' && n.name === 'shop'));
  assert.equal(filterNamespace(g, 'elsewhere').nodes.length, 0);

  const drawn = await layoutGraph(g, namespacesOf(g), null);
  assert.equal(drawn.nodes.length, g.nodes.length);
  assert.equal(drawn.edges.length, g.edges.length);
  for (const n of drawn.nodes) {
    assert.ok(n.width > 0 && n.height > 0 && n.x >= 0 && n.y >= 0, n.id);
    assert.ok(n.x + n.width <= drawn.width && n.y + n.height <= drawn.height, `${n.id} inside the drawing`);
  }
  for (let i = 0; i < drawn.nodes.length; i++) {
    for (let j = i + 1; j < drawn.nodes.length; j++) {
      const a = drawn.nodes[i];
      const b = drawn.nodes[j];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${a.id} overlaps ${b.id}`);
    }
  }
  const node = new Map(drawn.nodes.map((n) => [n.id, n]));
  const onBorder = (p: { x: number; y: number }, id: string) => {
    const n = node.get(id)!;
    const inX = p.x >= n.x - 1 && p.x <= n.x + n.width + 1;
    const inY = p.y >= n.y - 1 && p.y <= n.y + n.height + 1;
    const edgeX = Math.abs(p.x - n.x) <= 1 || Math.abs(p.x - (n.x + n.width)) <= 1;
    const edgeY = Math.abs(p.y - n.y) <= 1 || Math.abs(p.y - (n.y + n.height)) <= 1;
    return inX && inY && (edgeX || edgeY);
  };
  for (const e of drawn.edges) {
    assert.ok(e.points.length >= 2, e.id);
    assert.ok(onBorder(e.points[0], e.from), `${e.from} → ${e.to} starts on ${e.from}: ${JSON.stringify(e.points[0])}`);
    assert.ok(onBorder(e.points[e.points.length - 1], e.to), `${e.from} → ${e.to} ends on ${e.to}`);
    assert.ok(e.labelBox && e.labelBox.width > 0, `${e.id} has a placed label`);
  }
  // An edit that moves ranges but changes nothing drawn keeps the geometry and takes the new ranges;
  // a changed edge (the selector fixed) needs a new layout.
  const moved: ResourceGraphResult = structuredClone(g);
  for (const n of moved.nodes) if (n.range) n.range = { start: { line: n.range.start.line + 1, character: n.range.start.character }, end: { line: n.range.end.line + 1, character: n.range.end.character } };
  const kept = reuseLayout(drawn, moved, namespacesOf(g), null);
  assert.ok(kept);
  assert.deepEqual(kept.nodes.map((n) => [n.id, n.x, n.y]), drawn.nodes.map((n) => [n.id, n.x, n.y]));
  const web = kept.nodes.find((n) => n.id === 'Deployment/shop/web')!;
  assert.equal(web.range!.start.line, drawn.nodes.find((n) => n.id === 'Deployment/shop/web')!.range!.start.line + 1);
  const changed: ResourceGraphResult = structuredClone(g);
  changed.edges.find((e) => e.dangling)!.dangling = false;
  assert.equal(reuseLayout(drawn, changed, namespacesOf(g), null), null);
  assert.equal(reuseLayout(drawn, g, namespacesOf(g), 'shop'), null, 'another namespace is another drawing');

  const dangling = drawn.edges.filter((e) => e.dangling);
  assert.deepEqual(dangling.map((e) => e.from).sort(), ['Deployment/shop/worker', 'Service/shop/api']);
  assert.ok(drawn.nodes.filter((n) => n.dangling).every((n) => dangling.some((e) => e.to === n.id)));
});
