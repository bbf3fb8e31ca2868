import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createCluster } from '../../../server/src/cluster/index';

const deployment = (name: string, replicas: number, requests: Record<string, string> | null = { cpu: '200m', memory: '64Mi' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1`, ...(requests ? { resources: { requests } } : {}) }] } } },
});

const hpa = (name: string, target: string, min: number, max: number, utilization = 50, behavior?: unknown) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } } }], ...(behavior ? { behavior } : {}) },
});

type Cluster = ReturnType<typeof createCluster>;
const replicas = (c: Cluster, name: string) => c.core.store.get('Deployment', 'default', name)!.spec.replicas;

test('under 90% load against a 50% target, 2 replicas become ceil(2 × 90 / 50) = 4, then hold within the tolerance', () => {
  const c = createCluster();
  // minReplicas 2: an idle Deployment (no load) would otherwise go down to minReplicas after 300 s.
  c.apply([deployment('web', 2), hpa('web', 'web', 2, 10)]);
  c.runUntilStable();
  c.setLoad('Deployment', 'default', 'web', '90%'); // 2 pods × 200m × 90% = 360m in total
  assert.equal(c.core.load.get('Deployment/default/web'), 360);
  c.runUntilStable();
  assert.equal(replicas(c, 'web'), 4);
  const h = c.core.store.get('HorizontalPodAutoscaler', 'default', 'web')!;
  assert.deepEqual([h.status.currentReplicas, h.status.desiredReplicas], [4, 4]);
  // 360m over 4 pods of 200m is 45%: |1 − 45/50| = 0.1, inside the tolerance, so nothing changes.
  assert.equal(h.status.currentMetrics[0].resource.current.averageUtilization, 45);
  assert.ok(c.core.events.some((e) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 4; reason: cpu resource utilization (percentage of request) above target'));
  c.step(120);
  assert.equal(replicas(c, 'web'), 4);
  assert.equal(c.core.store.get('Deployment', 'default', 'web')!.status.availableReplicas, 4);
  const scaling = h.status.conditions.find((x: any) => x.type === 'ScalingActive');
  assert.equal(scaling.reason, 'ValidMetricFound');
});

test('a ratio just outside the tolerance scales; load gone scales down only after the 300 s stabilization window, to minReplicas', () => {
  const c = createCluster();
  c.apply([deployment('api', 4), hpa('api', 'api', 2, 10)]);
  c.setLoad('Deployment', 'default', 'api', '432m'); // 432m / (4 × 200m) = 54%: ratio 1.08, inside the tolerance
  c.runUntilStable();
  assert.equal(replicas(c, 'api'), 4);
  c.setLoad('Deployment', 'default', 'api', '450m'); // 56% (ratio 1.12: outside) → ceil(4 × 1.12) = 5
  c.runUntilStable();
  assert.equal(replicas(c, 'api'), 5);
  c.setLoad('Deployment', 'default', 'api', '0');
  const t0 = c.time;
  c.step(200);
  assert.equal(replicas(c, 'api'), 5, 'the scale-down waits for the stabilization window');
  c.runUntilStable();
  assert.equal(replicas(c, 'api'), 2);
  const down = c.core.events.find((e) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 2; reason: All metrics below target')!;
  // The window runs from the last sync that still recommended 5, at most one 15 s period before the load dropped.
  assert.ok(down.time - t0 >= 300 - 15 && down.time - t0 <= 300 + 15, `scaled down at +${down.time - t0}s`);
  const limited = c.core.store.get('HorizontalPodAutoscaler', 'default', 'api')!.status.conditions.find((x: any) => x.type === 'ScalingLimited');
  assert.equal(limited.reason, 'TooFewReplicas');
});

test('maxReplicas caps the scale and the scale-up rate is limited to max(+4 pods, +100%) per 15 s', () => {
  const c = createCluster();
  c.apply([deployment('burst', 1, { cpu: '100m', memory: '32Mi' }), hpa('burst', 'burst', 1, 12)]);
  c.runUntilStable();
  c.setLoad('Deployment', 'default', 'burst', '5'); // 5000m against 50% of 100m: wants 100 pods
  const seen: number[] = [];
  for (let t = 0; t < 120; t++) {
    c.step(1);
    if (seen.at(-1) !== replicas(c, 'burst')) seen.push(replicas(c, 'burst'));
  }
  assert.deepEqual(seen.slice(0, 2), [1, 5], 'first step: 1 + 4');
  assert.equal(seen.at(-1), 12);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] <= Math.max(seen[i - 1] + 4, seen[i - 1] * 2));
  const limited = c.core.store.get('HorizontalPodAutoscaler', 'default', 'burst')!.status.conditions.find((x: any) => x.type === 'ScalingLimited');
  assert.equal(limited.reason, 'TooManyReplicas');
});

test('pods without a cpu request give FailedGetResourceMetric and no scaling; a missing target gives FailedGetScale', () => {
  const c = createCluster();
  c.apply([deployment('bare', 2, null), hpa('bare', 'bare', 1, 5), hpa('ghost', 'nothere', 1, 5)]);
  c.runUntilStable();
  c.setLoad('Deployment', 'default', 'bare', '2');
  c.runUntilStable();
  assert.equal(replicas(c, 'bare'), 2);
  const h = c.core.store.get('HorizontalPodAutoscaler', 'default', 'bare')!;
  const active = h.status.conditions.find((x: any) => x.type === 'ScalingActive');
  assert.equal(active.status, 'False');
  assert.equal(active.reason, 'FailedGetResourceMetric');
  assert.match(active.message, /missing request for cpu in container bare of Pod bare-/);
  assert.ok(c.core.events.some((e) => e.reason === 'FailedGetResourceMetric' && e.type === 'Warning'));
  const g = c.core.store.get('HorizontalPodAutoscaler', 'default', 'ghost')!;
  assert.equal(g.status.conditions[0].reason, 'FailedGetScale');
  assert.match(g.status.conditions[0].message, /deployments\.apps "nothere" not found/);
});

test('an HPA scales a StatefulSet too (its pods start in order), through autoscaling/v1 targetCPUUtilizationPercentage', () => {
  const c = createCluster();
  c.apply([
    {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
      spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '500m', memory: '256Mi' } } }] } } },
    },
    { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'db', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } },
  ]);
  c.runUntilStable();
  c.setLoad('StatefulSet', 'default', 'db', '750m'); // 150% of one 500m request against 50%: 3 replicas
  c.runUntilStable();
  assert.equal(c.core.store.get('StatefulSet', 'default', 'db')!.spec.replicas, 3);
  assert.deepEqual(c.core.store.list('Pod').map((p) => p.metadata.name), ['db-0', 'db-1', 'db-2']);
  assert.equal(c.core.store.get('StatefulSet', 'default', 'db')!.status.readyReplicas, 3);
});

test('spec.behavior policies: one pod per 60 s up, scale-down Disabled', () => {
  const c = createCluster();
  c.apply([deployment('slow', 1, { cpu: '100m', memory: '32Mi' }), hpa('slow', 'slow', 1, 10, 50, {
    scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
    scaleDown: { selectPolicy: 'Disabled' },
  })]);
  c.runUntilStable();
  c.setLoad('Deployment', 'default', 'slow', '400m'); // wants 8
  c.runUntilStable();
  const rescales = c.core.events.filter((e) => e.reason === 'SuccessfulRescale' && e.involvedObject.name === 'slow');
  assert.deepEqual(rescales.map((e) => e.message.split(';')[0]), ['New size: 2', 'New size: 3', 'New size: 4', 'New size: 5', 'New size: 6', 'New size: 7', 'New size: 8']);
  for (let i = 1; i < rescales.length; i++) assert.ok(rescales[i].time - rescales[i - 1].time >= 60, `${rescales[i].time - rescales[i - 1].time}s apart`);
  c.setLoad('Deployment', 'default', 'slow', '0');
  c.step(600);
  assert.equal(replicas(c, 'slow'), 8, 'scale-down is disabled');
});

test('memory metrics need a simulated memory use; with cpu and memory metrics the larger proposal wins', () => {
  const c = createCluster();
  const h = hpa('mem', 'mem', 1, 10);
  h.spec.metrics = [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
    { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
  ];
  c.apply([deployment('mem', 2, { cpu: '100m', memory: '256Mi' }), h]);
  c.runUntilStable();
  c.setLoad('Deployment', 'default', 'mem', '120m'); // cpu 60% of 200m: ceil(2 × 60 / 50) = 3
  c.runUntilStable();
  assert.equal(replicas(c, 'mem'), 3, 'cpu alone decides while memory has no data');
  assert.equal(c.core.store.get('HorizontalPodAutoscaler', 'default', 'mem')!.status.currentMetrics.length, 1);
  assert.match(c.setLoad('Deployment', 'default', 'mem', undefined, '1Gi'), /load set to 1073741824 bytes of memory/);
  c.runUntilStable();
  // memory: 1 GiB over 3 × 256 MiB = 133%; ceil(3 × 133 / 70) = 6 beats cpu's ceil(3 × 40 / 50) = 3.
  assert.equal(replicas(c, 'mem'), 6);
  assert.ok(c.core.events.some((e) => e.message === 'New size: 6; reason: memory resource utilization (percentage of request) above target'));
  // Now 1 GiB over 6 × 256 MiB: 66%, inside 70% ± 10%.
  const status = c.core.store.get('HorizontalPodAutoscaler', 'default', 'mem')!.status;
  assert.equal(status.currentMetrics.find((m: any) => m.resource.name === 'memory').resource.current.averageUtilization, 66);

  const only = createCluster();
  const m = hpa('m2', 'm2', 1, 10);
  m.spec.metrics = [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } }];
  only.apply([deployment('m2', 2), m]);
  only.runUntilStable();
  const active = only.core.store.get('HorizontalPodAutoscaler', 'default', 'm2')!.status.conditions.find((x: any) => x.type === 'ScalingActive');
  assert.equal(active.status, 'False');
  assert.match(active.message, /no simulated memory use for deployment\/m2/);
  assert.equal(replicas(only, 'm2'), 2);
  // One metric missing while the other would scale down: no scaling.
  const mixed = createCluster();
  const mh = hpa('mx', 'mx', 1, 10);
  mh.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }, { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } }];
  mixed.apply([deployment('mx', 4), mh]);
  mixed.step(400);
  assert.equal(replicas(mixed, 'mx'), 4, 'idle cpu alone does not scale down while memory is unknown');
});
