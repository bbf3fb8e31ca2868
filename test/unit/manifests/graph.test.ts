import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseManifestSet, dockerfileRefs } from '../../../server/src/workspace/manifests';

const SHOP = path.resolve(__dirname, '..', '..', '..', 'examples', 'shop');
const files = fs.readdirSync(path.join(SHOP, 'k8s')).map((f) => ({ path: path.join(SHOP, 'k8s', f), text: fs.readFileSync(path.join(SHOP, 'k8s', f), 'utf8') }));

test('the example shop becomes a resource graph with every relation and its dangling references', () => {
  const dockerfiles = dockerfileRefs(['web', 'api', 'worker'].map((d) => path.join(SHOP, d, 'Dockerfile')));
  const { graph, findings } = analyseManifestSet(files, dockerfiles);
  const edges = graph.edges.map((e) => `${e.from.kind}/${e.from.name} -${e.relation}-> ${e.to ? `${e.to.kind}/${e.to.name}` : `(dangling ${e.target})`}${e.label ? ` [${e.label}]` : ''}`);
  const expect = [
    'Service/web -selects-> Deployment/web',
    'Service/api -selects-> (dangling pods matching app=shop-api)',
    'Ingress/shop -routes-> Service/api [port 8000]',
    'Ingress/shop -routes-> Service/web [port https]',
    'Deployment/api -uses-> ConfigMap/api-config [envFrom]',
    'Deployment/api -uses-> Secret/api-secrets [key DB_PASSWORD]',
    'Deployment/worker -uses-> (dangling ConfigMap/shop/worker-config) [key QUEUE_URL]',
  ];
  for (const e of expect) assert.ok(edges.includes(e), `missing edge ${e}\n${edges.join('\n')}`);
  const runs = graph.edges.filter((e) => e.relation === 'runs').map((e) => `${e.from.name} -> ${path.relative(SHOP, e.target)}`).sort();
  assert.deepEqual(runs, ['api -> api/Dockerfile', 'web -> web/Dockerfile', 'worker -> worker/Dockerfile']);
  // The deliberate mistakes listed in examples/README.md are all found.
  const rules = [...findings.values()].flat().map((f) => f.rule);
  for (const r of ['dangling-service', 'drydock/missing-key', 'latest-tag', 'drydock/missing-configmap', 'dangling-ingress']) assert.ok(rules.includes(r), r);
});

test('workloads own what their controllers make from the template: never dangling, named the Kubernetes way', () => {
  const { graph } = analyseManifestSet(files);
  const owns = graph.edges.filter((e) => e.relation === 'owns').map((e) => `${e.from.kind}/${e.from.name} -> ${e.owned?.kind} ${e.owned?.name} [${e.label}]`).sort();
  assert.ok(owns.includes('Deployment/web -> ReplicaSet web-… [ReplicaSet → 3 pods]'), owns.join('\n'));
  const { exportGraph } = require('../../../server/src/workspace/graphExport') as typeof import('../../../server/src/workspace/graphExport');
  const g = exportGraph(graph, () => undefined);
  const edge = g.edges.find((e) => e.relation === 'owns' && e.from === 'Deployment/shop/web')!;
  assert.equal(edge.dangling, false);
  const node = g.nodes.find((n) => n.id === edge.to)!;
  assert.deepEqual([node.kind, node.owned, node.dangling], ['ReplicaSet', true, undefined]);
  const sts = analyseManifestSet([{ path: '/x/db.yaml', text: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 3\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n' }]);
  const e = sts.graph.edges.find((x) => x.relation === 'owns')!;
  assert.equal(e.owned?.name, 'db-0…db-2');
  // No rule reads an owns edge as a missing reference.
  assert.ok(![...sts.findings.values()].flat().some((f) => /does not exist/.test(f.message)));
});

test('images map to Dockerfiles by setting (full reference or without the tag) before the folder-name convention', () => {
  const web = path.join(SHOP, 'web', 'Dockerfile');
  const api = path.join(SHOP, 'api', 'Dockerfile');
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: registry.example.com/team/frontend:2.1\n    - name: b\n      image: registry.example.com/team/web:1.0\n';
  const runs = (map: Record<string, string>) =>
    analyseManifestSet([{ path: '/x/p.yaml', text }], dockerfileRefs([web, api], map)).graph.edges.filter((e) => e.relation === 'runs').map((e) => `${e.label} -> ${path.relative(SHOP, e.target)}`).sort();
  // Convention only: the folder name `web` matches the second image; `frontend` matches nothing.
  assert.deepEqual(runs({}), ['registry.example.com/team/web:1.0 -> web/Dockerfile']);
  // Mapped without a tag: frontend is built by api/Dockerfile (any tag).
  assert.deepEqual(runs({ 'registry.example.com/team/frontend': api }), ['registry.example.com/team/frontend:2.1 -> api/Dockerfile', 'registry.example.com/team/web:1.0 -> web/Dockerfile']);
  // A mapping wins over the convention.
  assert.deepEqual(runs({ 'registry.example.com/team/web:1.0': api }), ['registry.example.com/team/web:1.0 -> api/Dockerfile']);
});
