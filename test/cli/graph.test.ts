import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const drydock = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

test('graph --format json|dot|mermaid on the example shop, dangling references marked', () => {
  const json = drydock(['graph', 'examples', '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  const g = JSON.parse(json.stdout) as { nodes: Array<{ id: string; dangling?: boolean; uri?: string }>; edges: Array<{ from: string; to: string; relation: string; dangling: boolean }> };
  assert.ok(g.edges.some((e) => e.from === 'Service/shop/web' && e.to === 'Deployment/shop/web' && e.relation === 'selects' && !e.dangling));
  assert.ok(g.edges.some((e) => e.from === 'Deployment/shop/worker' && e.to === 'ConfigMap/shop/worker-config' && e.dangling));
  assert.ok(g.nodes.find((n) => n.id === 'ConfigMap/shop/worker-config')?.dangling);
  assert.match(g.nodes.find((n) => n.id === 'Deployment/shop/web')?.uri ?? '', /^file:.*examples\/shop\/k8s\/web\.yaml$/);
  const dot = drydock(['graph', 'examples', '--format', 'dot']);
  assert.match(dot.stdout, /^digraph resources \{/);
  assert.match(dot.stdout, /"Ingress\/shop\/shop" -> "Service\/shop\/api" \[label="routes port 8000"\]/);
  const mermaid = drydock(['graph', 'examples', '--format', 'mermaid', '--namespace', 'shop']);
  assert.match(mermaid.stdout, /^flowchart LR/);
  assert.match(mermaid.stdout, /class .* dangling;/);
  assert.equal(drydock(['graph', 'examples', '--format', 'png']).status, 2);
});

test('graph --image maps an image to a Dockerfile; workloads own their ReplicaSets', () => {
  const plain = JSON.parse(drydock(['graph', 'examples/shop/k8s', '--format', 'json']).stdout) as { nodes: Array<{ id: string; kind: string; owned?: boolean }>; edges: Array<{ from: string; to: string; relation: string; dangling: boolean; label?: string }> };
  assert.ok(!plain.edges.some((e) => e.relation === 'runs'), 'no Dockerfiles under the path given, so nothing runs');
  const owns = plain.edges.find((e) => e.from === 'Deployment/shop/web' && e.relation === 'owns')!;
  assert.equal(owns.dangling, false);
  assert.equal(plain.nodes.find((n) => n.id === owns.to)?.kind, 'ReplicaSet');
  const mapped = drydock(['graph', 'examples/shop/k8s', '--format', 'json', '--image', 'shop/web=examples/shop/api/Dockerfile']);
  assert.equal(mapped.status, 0, mapped.stderr);
  const g = JSON.parse(mapped.stdout) as typeof plain;
  const runs = g.edges.filter((e) => e.relation === 'runs');
  // web by the mapping; api by the folder-name convention, now that the mapped api/Dockerfile is known.
  const api = 'Dockerfile/' + path.join(ROOT, 'examples/shop/api/Dockerfile');
  assert.deepEqual(runs.map((e) => `${e.from} -> ${e.to}`).sort(), [`Deployment/shop/api -> ${api}`, `Deployment/shop/web -> ${api}`]);
  assert.equal(drydock(['graph', 'examples', '--image', 'nothing']).status, 2);
});
