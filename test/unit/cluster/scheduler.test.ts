import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster } from '../../../server/src/cluster/index';

const pod = (name: string, cpu: string, memory: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'c:1', resources: { requests: { cpu, memory } } }], ...extra },
});

test('NodeResourcesFit LeastAllocated scores each resource as an integer before the mean, as kube-scheduler does', () => {
  const c = createCluster({ seed: 1, nodes: [{ name: 'only', cpu: '4', memory: '1000Mi' }] });
  c.apply([pod('p', '1300m', '495Mi')]);
  c.runUntilStable();
  // cpu: (4000 − 1300) × 100 / 4000 = 67.5 → 67; memory: (1000 − 495) × 100 / 1000 = 50.5 → 50; (67 + 50) / 2 → 58
  // (the mean of the unrounded shares would give 59).
  const why = c.explain('default', 'p');
  assert.equal(why.verdicts[0].scores!['NodeResourcesFit(LeastAllocated)'], 58);
  const most = createCluster({ seed: 1, strategy: 'MostAllocated', nodes: [{ name: 'only', cpu: '4', memory: '1000Mi' }] });
  most.apply([pod('p', '1300m', '495Mi')]);
  most.runUntilStable();
  // 32.5 → 32 and 49.5 → 49: (32 + 49) / 2 → 40.
  assert.equal(most.explain('default', 'p').verdicts[0].scores!['NodeResourcesFit(MostAllocated)'], 40);
});

test('a node cordoned or tainted between scheduling passes is seen by the next pass (the static-filter cache is per pass)', () => {
  const c = createCluster();
  c.cordon('worker-1');
  c.apply([pod('a', '100m', '64Mi')]);
  c.runUntilStable();
  assert.notEqual(c.core.store.get('Pod', 'default', 'a')!.spec.nodeName, 'worker-1');
  c.cordon('worker-1', false);
  c.cordon('worker-2');
  const n3 = c.core.store.get('Node', undefined, 'worker-3')!;
  n3.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }];
  c.core.store.update(n3, true);
  c.apply([pod('b', '100m', '64Mi'), pod('c', '100m', '64Mi'), pod('d', '100m', '64Mi', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'worker-3' } })]);
  c.runUntilStable();
  assert.equal(c.core.store.get('Pod', 'default', 'b')!.spec.nodeName, 'worker-1');
  assert.equal(c.core.store.get('Pod', 'default', 'c')!.spec.nodeName, 'worker-1');
  assert.equal(c.core.store.get('Pod', 'default', 'd')!.spec.nodeName, 'worker-3');
});
