import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterView, createCluster, defaultClusterProfile, parseScenario, readScenario, runScenario } from '../../../server/src/cluster/index';
import { parseManifests } from '../../../server/src/manifests/index';
import { findFiles } from '../../../server/src/workspace/files';

const scenario = `
namespace: default
steps:
  - apply:
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: web:1
                  resources: {requests: {cpu: 200m, memory: 64Mi}}
      - apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 10
          metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
      - apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent:1}]}
      - apiVersion: batch/v1
        kind: Job
        metadata: {name: seed}
        spec:
          template:
            spec: {restartPolicy: Never, containers: [{name: seed, image: seed:1}]}
  - wait: stable
  - set load: deployment/web
    cpu: 90%
  - wait: stable
  - expect:
      deployment/web: {replicas: 4}
      job/seed: {Complete: "True", succeeded: 1}
      daemonset/agent: {numberReady: 3}
  - addNode: {name: worker-4, cpu: "4", memory: 8Gi}
  - wait: stable
  - expect:
      ds/agent: {numberReady: 4, desiredNumberScheduled: 4}
  - removeNode: worker-1
  - wait: stable
  - expect:
      ds/agent: {desiredNumberScheduled: 3}
`;

test('scenario steps: inline manifests, set load, addNode/removeNode, condition expectations; the view lists the new kinds', () => {
  const steps = parseScenario(scenario);
  const c = createCluster();
  const { expectations, log } = runScenario(c, steps, () => []);
  assert.deepEqual(expectations.filter((e) => !e.ok), [], log.join('\n'));
  assert.equal(expectations.length, 7);
  assert.ok(log.some((l) => l.includes('deployment/web load set to 360m CPU')));
  // A wrong expectation fails with the value it saw.
  const wrong = runScenario(c, parseScenario('- expect:\n    deployment/web: {replicas: 9}\n'), () => []);
  assert.equal(wrong.expectations[0].ok, false);
  assert.match(wrong.expectations[0].message, /expected replicas 9, got web=4/);

  const view = clusterView(c);
  const ns = view.namespaces.find((n) => n.name === 'default')!;
  const kinds = ns.workloads!.map((w) => `${w.kind}/${w.name}`);
  assert.deepEqual(kinds, ['DaemonSet/agent', 'Job/seed', 'HorizontalPodAutoscaler/web']);
  const agent = ns.workloads!.find((w) => w.name === 'agent')!;
  assert.equal(agent.pods.length, 3);
  assert.match(agent.status, /^3 desired, 3 scheduled, 3 ready, 3 up to date$/);
  assert.match(ns.workloads!.find((w) => w.name === 'seed')!.status, /^1\/1 completions, 0 active, 0 failed, Complete$/);
  assert.match(ns.workloads!.find((w) => w.kind === 'HorizontalPodAutoscaler')!.status, /^deployment\/web: 4 → 4 replicas \(min 2, max 10\), cpu 45%\/50%$/);
});

test('scenario errors name the step: load without cpu, addNode without capacity, an inline manifest without a name', () => {
  assert.throws(() => parseScenario('- load: deployment/web\n'), /scenario step 1: load needs a workload/);
  assert.throws(() => parseScenario('- wait: 1\n- addNode: {name: n}\n'), /scenario step 2: addNode needs name, cpu and memory/);
  assert.throws(() => parseScenario('- apply: [{kind: Pod}]\n'), /scenario step 1: apply takes paths or inline manifests/);
  const c = createCluster({ ...defaultClusterProfile() });
  const r = runScenario(c, parseScenario('- load: deployment/missing\n  cpu: 1\n'), () => []);
  assert.equal(r.expectations[0].ok, false);
  assert.match(r.expectations[0].message, /step 1 failed: deployments "missing" not found/);
});

test('the example shop scenarios pass, autoscale.yaml included', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'examples', 'shop', 'scenarios');
  const load = (p: string) => findFiles([path.resolve(dir, p)]).filter((f) => f.kind === 'yaml').flatMap((f) => parseManifests(fs.readFileSync(f.path, 'utf8')).resources.map((r) => r.object));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  assert.ok(files.includes('autoscale.yaml'));
  for (const f of files) {
    const { steps, namespace } = readScenario(fs.readFileSync(path.join(dir, f), 'utf8'));
    const { expectations, log } = runScenario(createCluster(), steps, load, namespace);
    assert.ok(expectations.length > 0, f);
    assert.deepEqual(expectations.filter((e) => !e.ok), [], `${f}\n${log.join('\n')}`);
  }
});
