// The Cluster view's rows, built from the server's ClusterView of a real simulation of the example shop.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterView, createCluster, defaultClusterProfile } from '../../../server/src/cluster/index';
import { parseManifests } from '../../../server/src/manifests/index';
import { buildClusterTree, matchRows, percent, type ClusterNode } from '../../../client/src/cluster/rows';

const K8S = path.join(__dirname, '..', '..', '..', 'examples', 'shop', 'k8s');

function shop() {
  const cl = createCluster();
  // The Namespace first, as `kubectl apply -f` of the folder would need too.
  for (const f of ['namespace.yaml', ...fs.readdirSync(K8S).filter((f) => f !== 'namespace.yaml').sort()]) cl.apply(parseManifests(fs.readFileSync(path.join(K8S, f), 'utf8')).resources.map((r) => r.object as Record<string, unknown>));
  cl.runUntilStable();
  return cl;
}

const all = (rows: ClusterNode[]): ClusterNode[] => rows.flatMap((r) => [r, ...all(r.children ?? [])]);
const byId = (rows: ClusterNode[]) => new Map(all(rows).map((r) => [r.id, r]));

test('rows of the example: nodes with allocation, Deployment > ReplicaSet > pods, Services > endpoints, Ingress > rules > backends, events; ids unique', () => {
  const rows = buildClusterTree(clusterView(shop()));
  const ids = all(rows).map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.deepEqual([rows[0].id, rows.at(-1)!.id], ['nodes', 'events']);
  const m = byId(rows);
  const worker1 = m.get('node/worker-1')!;
  assert.match(worker1.description!, /^Ready · cpu \d+m\/4000m \(\d+%\) · mem [\d.]+[MG]i\/8\.0Gi \(\d+%\) · pods \d+\/110$/);
  assert.equal(worker1.contextValue, 'drydock.node ready schedulable');
  const web = m.get('deploy/shop/web')!;
  assert.equal(web.contextValue, 'drydock.deployment manifest active');
  const rs = web.children!;
  assert.equal(rs.length, 1);
  assert.match(rs[0].description!, /^ReplicaSet · revision 1 \(current\) · 3\/3$/);
  assert.equal(rs[0].children!.length, 3);
  for (const p of rs[0].children!) {
    assert.match(p.description!, /^Running · 1\/1 · worker-\d$/);
    assert.equal(p.icon, 'pass-filled');
    // Reveal Manifest on a pod opens its Deployment.
    assert.deepEqual(p.data?.manifest, { kind: 'Deployment', namespace: 'shop', name: 'web' });
  }
  const stuck = m.get('deploy/shop/worker')!.children![0].children![0];
  assert.equal(stuck.icon, 'error');
  assert.match(stuck.tooltip!, /\nCreateContainerConfigError: configmap "worker-config" not found/);
  assert.equal(m.get('svc/shop/web')!.children!.length, 3);
  assert.equal(m.get('svc/shop/api')!.children![0].label, 'no endpoints');
  const ing = m.get('ing/shop/shop')!;
  assert.deepEqual(ing.children!.map((r) => [r.label, r.children![0].label]), [['shop.example.com/api (Prefix)', 'api:8000'], ['shop.example.com/ (Prefix)', 'web:https']]);
  assert.deepEqual([ing.children![1].data?.host, ing.children![1].data?.path], ['shop.example.com', '/']);
  assert.ok(m.get('events')!.children!.length > 0);
});

test('a Pending pod says why in its tooltip (the scheduler\'s FailedScheduling text); a failed node is NotReady and offers Recover', () => {
  const cl = shop();
  cl.apply([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'huge', namespace: 'shop' }, spec: { containers: [{ name: 'h', image: 'nginx:1.27', resources: { requests: { cpu: '64' } } }] } }]);
  cl.failNode('worker-1');
  cl.runUntilStable(30);
  const m = byId(buildClusterTree(clusterView(cl)));
  const huge = m.get('pod/shop/huge')!;
  assert.equal(huge.icon, 'clock');
  assert.equal(huge.contextValue, 'drydock.pod manifest pending');
  assert.match(huge.tooltip!, /\nFailedScheduling: 0\/4 nodes are available: .*Insufficient cpu/);
  const node = m.get('node/worker-1')!;
  assert.match(node.description!, /^NotReady · /);
  assert.equal(node.contextValue, 'drydock.node notready schedulable');
});

test('pods in CrashLoopBackOff and ImagePullBackOff get an error icon, restarts and the kubelet\'s reason in the tooltip', () => {
  const cl = createCluster({ ...defaultClusterProfile(), crashImages: ['shop/crash:1'], failImages: ['shop/missing:1'] });
  const deploy = (name: string, image: string) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }] } } },
  });
  cl.apply([deploy('crash', 'shop/crash:1'), deploy('missing', 'shop/missing:1')]);
  cl.step(120);
  const m = byId(buildClusterTree(clusterView(cl)));
  const pod = (d: string) => m.get(`deploy/default/${d}`)!.children![0].children![0];
  const crash = pod('crash');
  assert.equal(crash.icon, 'error');
  assert.match(crash.description!, /^CrashLoopBackOff · 0\/1 · [1-9]\d* restarts? · worker-\d$/);
  assert.match(crash.tooltip!, /\nCrashLoopBackOff: back-off \d+s restarting failed container/);
  assert.match(crash.tooltip!, /\nRestarts: [1-9]/);
  const missing = pod('missing');
  assert.equal(missing.icon, 'error');
  assert.match(missing.tooltip!, /\n(ImagePullBackOff|ErrImagePull): .*shop\/missing:1/);
});

test('matching rows keeps the objects of unchanged rows and lists only the changed ones', () => {
  const cl = shop();
  const first = buildClusterTree(clusterView(cl));
  const a = matchRows(new Map(), [], first);
  assert.equal(a.rootChanged, true);
  const webBefore = a.byId.get('deploy/shop/web')!;
  const nodesBefore = a.byId.get('nodes')!;
  cl.step(10);
  const b = matchRows(a.byId, a.roots, buildClusterTree(clusterView(cl)));
  assert.equal(b.rootChanged, false);
  assert.equal(b.byId.get('deploy/shop/web'), webBefore, 'an unchanged row keeps its object');
  assert.equal(b.byId.get('nodes'), nodesBefore, 'a changed row keeps its object too, with the new content');
  assert.match(nodesBefore.description!, /· 19s$/);
  const changed = b.changed.map((r) => r.id);
  assert.ok(changed.includes('nodes'), changed.join(', '));
  assert.ok(!changed.includes('deploy/shop/web') && !changed.some((id) => id.startsWith('pod/')), changed.join(', '));
  // Nothing new: nothing to refresh.
  const c = matchRows(b.byId, b.roots, buildClusterTree(clusterView(cl)));
  assert.deepEqual(c.changed, []);
  // A rollout: the Deployment row changes (new children), its old pods' rows stay the same objects while they live.
  cl.rolloutRestart('shop', 'web');
  cl.step(1);
  const d = matchRows(c.byId, c.roots, buildClusterTree(clusterView(cl)));
  assert.ok(d.changed.some((r) => r.id === 'deploy/shop/web'));
  assert.equal(d.byId.get('deploy/shop/web'), webBefore);
});

test('duplicate ids get a suffix; percent() reads quantities in any unit', () => {
  const rows: ClusterNode[] = [{ id: 'x', label: 'a', icon: 'info' }, { id: 'x', label: 'b', icon: 'info' }];
  assert.deepEqual(matchRows(new Map(), [], rows).roots.map((r) => r.id), ['x', 'x#2']);
  assert.equal(percent('1200m/4000m'), ' (30%)');
  assert.equal(percent('512Mi/4.0Gi'), ' (13%)');
  assert.equal(percent('5/110'), ' (5%)');
  assert.equal(percent('0m/0m'), '');
  assert.equal(percent('garbage'), '');
});
