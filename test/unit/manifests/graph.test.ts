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
