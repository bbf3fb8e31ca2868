import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests } from '../../../../server/src/manifests/parse';
import { validateResource, cronScheduleError } from '../../../../server/src/manifests/validation/index';
import type { Finding } from '../../../../server/src/common/types';

function check(yaml: string): Finding[] {
  const p = parseManifests(yaml);
  return p.resources.flatMap((r) => validateResource(r, p.lines));
}

/** The text a finding's range covers. */
function covered(yaml: string, f: Finding): string {
  const lines = yaml.split('\n');
  assert.equal(f.range.start.line, f.range.end.line, 'single-line range');
  return lines[f.range.start.line].slice(f.range.start.character, f.range.end.character);
}

const deployment = (extra: { selector?: string; labels?: string; strategy?: string; container?: string; name?: string } = {}): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${extra.name ?? 'web'}
spec:
${extra.selector ?? '  selector:\n    matchLabels:\n      app: web'}
${extra.strategy ?? ''}  template:
    metadata:
      labels:
${extra.labels ?? '        app: web'}
    spec:
      containers:
${extra.container ?? '        - name: app\n          image: nginx:1.27'}
`;

test('a valid Deployment has no findings', () => {
  assert.deepEqual(check(deployment()), []);
});

test('selector that does not match the template labels: API server wording, range on the labels key', () => {
  const y = deployment({ labels: '        app: api\n        tier: front' });
  const f = check(y);
  assert.equal(f.length, 1);
  assert.equal(f[0].rule, 'drydock/selector-mismatch');
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].message, 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api", "tier":"front"}: `selector` does not match template `labels`');
  assert.equal(covered(y, f[0]), 'labels');
  assert.equal(f[0].range.start.line, 10);
});

test('apps/v1 selector is required and may not be empty', () => {
  const missing = check(deployment({ selector: '  replicas: 2' }));
  assert.deepEqual(missing.map((f) => f.message), ['spec.selector: Required value']);
  const empty = check(deployment({ selector: '  selector: {}' }));
  assert.match(empty[0].message, /^spec\.selector: Invalid value: .*empty selector is invalid for deployment$/);
});

test('matchExpressions selectors are honoured', () => {
  const y = deployment({ selector: '  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}' });
  assert.deepEqual(check(y), []);
  const bad = deployment({ selector: '  selector:\n    matchExpressions:\n      - {key: app, operator: Equals, values: [web]}' });
  assert.match(check(bad)[0].message, /is not a valid label selector operator/);
});

test('names: DNS-1123 subdomain for most kinds, DNS-1035 label for Services, exact value range', () => {
  const y = deployment({ name: 'Web_App' });
  const f = check(y).filter((x) => x.rule === 'drydock/invalid-name');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^metadata\.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of/);
  assert.equal(covered(y, f[0]), 'Web_App');
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n    - port: 80\n';
  const sf = check(svc);
  assert.equal(sf.length, 1);
  assert.match(sf[0].message, /^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  assert.equal(covered(svc, sf[0]), '1web');
  assert.deepEqual(check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 1.config\n'), [], 'a subdomain may start with a digit');
  assert.match(check('apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')[0].message, /name or generateName is required/);
});

test('label keys and values', () => {
  const y = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    "bad key": ok\n    good: "-bad"\n';
  const f = check(y);
  assert.equal(f.length, 2);
  assert.match(f[0].message, /^metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/);
  assert.equal(covered(y, f[0]), '"bad key"');
  assert.match(f[1].message, /^metadata\.labels: Invalid value: "-bad": a valid label must be an empty string or consist of/);
  assert.equal(covered(y, f[1]), '"-bad"');
});

test('quantities and requests ≤ limits', () => {
  const container = `        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: "2"
              memory: 1.5Gx
            limits:
              cpu: 500m
              memory: 1Gi`;
  const y = deployment({ container });
  const f = check(y);
  assert.deepEqual(f.map((x) => x.rule).sort(), ['drydock/invalid-quantity', 'drydock/requests-exceed-limits']);
  const q = f.find((x) => x.rule === 'drydock/invalid-quantity')!;
  assert.match(q.message, /^spec\.template\.spec\.containers\[0\]\.resources\.requests\[memory\]: Invalid value: "1\.5Gx": /);
  assert.equal(covered(y, q), '1.5Gx');
  const r = f.find((x) => x.rule === 'drydock/requests-exceed-limits')!;
  assert.equal(r.message, 'spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 500m');
  assert.equal(covered(y, r), '"2"');
  const ok = deployment({ container: '        - name: app\n          image: x\n          resources:\n            requests: {cpu: 0.5, memory: 1e3}\n            limits: {cpu: 1, memory: 1Ki}' });
  assert.deepEqual(check(ok), []);
});

test('container resource names and extended resources', () => {
  const container = `        - name: app
          image: x
          resources:
            requests: {cpus: "1", example.com/gpu: 1}
            limits: {example.com/gpu: 2, hugepages-2Mi: 4Mi}`;
  const msgs = check(deployment({ container })).map((x) => x.message);
  assert.deepEqual(msgs, [
    'spec.template.spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    'spec.template.spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "1": must be equal to example.com/gpu limit of 2',
  ]);
  const ok = '        - name: app\n          image: x\n          resources:\n            requests: {example.com/gpu: 1, memory: 1Gi, hugepages-2Mi: 4Mi}\n            limits: {example.com/gpu: 1, hugepages-2Mi: 4Mi}';
  assert.deepEqual(check(deployment({ container: ok })), []);
  const noLimit = '        - name: app\n          image: x\n          resources:\n            requests: {example.com/gpu: 1}';
  assert.deepEqual(check(deployment({ container: noLimit })).map((x) => x.message), ['spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources']);
});

test('container ports, duplicate names, env duplicates are warnings', () => {
  const container = `        - name: app
          image: x
          ports:
            - containerPort: 70000
              name: http
            - containerPort: 8080
              name: http
          env:
            - name: A
              value: "1"
            - name: A
              value: "2"
        - name: app
          image: y`;
  const y = deployment({ container });
  const f = check(y);
  const msgs = f.map((x) => `${x.severity} ${x.message}`);
  assert.ok(msgs.includes('error spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'), msgs.join('\n'));
  assert.ok(msgs.includes('error spec.template.spec.containers[0].ports[1].name: Duplicate value: "http"'));
  assert.ok(msgs.includes('error spec.template.spec.containers[1].name: Duplicate value: "app"'));
  assert.ok(msgs.some((m) => m.startsWith('warning spec.template.spec.containers[0].env[1]: hides previous definition of "A"')));
  assert.equal(covered(y, f.find((x) => x.message.includes('70000'))!), '70000');
});

test('Service ports: names required when several, nodePort range and type, targetPort names', () => {
  const y = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 8080
    - port: 443
      targetPort: https_port
`;
  const f = check(y);
  const msgs = f.map((x) => x.message);
  assert.ok(msgs.includes('spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767'), msgs.join('\n'));
  assert.ok(msgs.includes('spec.ports[0].name: Required value'));
  assert.ok(msgs.includes('spec.ports[1].name: Required value'));
  assert.ok(msgs.some((m) => m.startsWith('spec.ports[1].targetPort: Invalid value: "https_port"')));
  assert.equal(covered(y, f.find((x) => x.message.includes('8080'))!), '8080');
  const cluster = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      nodePort: 30080\n';
  assert.deepEqual(check(cluster).map((x) => x.message), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  assert.deepEqual(check('apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n'), [], 'headless needs no ports');
  assert.deepEqual(check('apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: db.example.com\n'), []);
  assert.deepEqual(check('apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n').map((x) => x.message), ['spec.externalName: Required value']);
});

test('maxSurge and maxUnavailable may not both be zero; Recreate forbids rollingUpdate', () => {
  const y = deployment({ strategy: '  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0%\n' });
  const f = check(y);
  assert.deepEqual(f.map((x) => x.message), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0']);
  assert.equal(covered(y, f[0]), '0%');
  assert.deepEqual(check(deployment({ strategy: '  strategy:\n    rollingUpdate:\n      maxSurge: 0\n' })), [], 'maxUnavailable defaults to 25%');
  const rec = check(deployment({ strategy: '  strategy:\n    type: Recreate\n    rollingUpdate: {maxSurge: 1}\n' }));
  assert.match(rec[0].message, /^spec\.strategy\.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'$/);
  assert.match(check(deployment({ strategy: '  strategy:\n    rollingUpdate:\n      maxSurge: 5\n      maxUnavailable: "50"\n' }))[0].message, /maxUnavailable: Invalid value: "50": a valid percent string/);
});

test('Ingress: pathType required, absolute paths, no dot segments, wildcard hosts', () => {
  const y = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: "*.example.com"
      http:
        paths:
          - path: /api
            backend: {service: {name: api, port: {number: 80}}}
          - path: api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
          - path: /a/../b
            pathType: Exact
            backend: {service: {name: api, port: {number: 80}}}
    - host: "*"
      http:
        paths:
          - path: /
            pathType: ImplementationSpecific
            backend: {service: {name: api, port: {number: 80}}}
`;
  const msgs = check(y).map((x) => x.message);
  assert.deepEqual(msgs, [
    'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    'spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
    'spec.rules[0].http.paths[2].path: Invalid value: "/a/../b": must not contain \'/../\'',
    msgs[3],
  ]);
  assert.match(msgs[3], /^spec\.rules\[1\]\.host: Invalid value: "\*": /);
});

test('CronJob schedules: five fields, descriptors, TZ refused', () => {
  for (const ok of ['*/5 * * * *', '0 0 * * MON-FRI', '@hourly', '@every 1h30m', '0 12 1,15 jan,jul ?', '5 4 * * sun']) {
    assert.equal(cronScheduleError(ok), null, ok);
  }
  assert.match(cronScheduleError('* * * *')!, /expected exactly 5 fields, found 4/);
  assert.match(cronScheduleError('60 * * * *')!, /above maximum \(59\)/);
  assert.match(cronScheduleError('TZ=UTC 0 * * * *')!, /use timeZone field instead/);
  assert.match(cronScheduleError('@fortnightly')!, /unrecognized descriptor/);
  assert.match(cronScheduleError('* * * * 7')!, /above maximum \(6\)/);
  const y = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 25 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: run, image: busybox}]
`;
  const f = check(y);
  assert.deepEqual(f.map((x) => x.message), [
    'spec.schedule: Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25',
    'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never" (restartPolicy defaults to Always; set it)',
  ]);
  assert.equal(covered(y, f[0]), '"0 25 * * *"');
  const long = y.replace('name: nightly', `name: ${'n'.repeat(53)}`).replace('"0 25 * * *"', '"@daily"').replace('containers:', 'restartPolicy: Never\n          containers:');
  assert.deepEqual(check(long).map((x) => x.message), [`metadata.name: Invalid value: "${'n'.repeat(53)}": must be no more than 52 characters`]);
});

test('bad input never throws and yields no findings from the validators on odd shapes', () => {
  const odd = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: 5\nspec: []\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {selector: 3, template: {spec: {containers: "x"}}}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [1, null, {port: "x", nodePort: "y"}]}\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: [1]}\nspec: {containers: [{name: 5, resources: {requests: {cpu: [1]}, limits: 7}}]}\n',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: 5}\n',
  ];
  for (const y of odd) assert.doesNotThrow(() => check(y), y);
  assert.ok(check(odd[3]).some((f) => f.rule === 'drydock/schema' && f.message.includes('requests.cpu: wrong type')));
});

test('every real manifest in the fixtures gets no error-level finding', () => {
  const dir = join(__dirname, '..', '..', '..', 'fixtures', 'k8s-validation');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 25);
  let resources = 0;
  for (const file of files) {
    const p = parseManifests(readFileSync(join(dir, file), 'utf8'));
    resources += p.resources.length;
    for (const r of p.resources) {
      const errors = validateResource(r, p.lines).filter((f) => f.severity === 'error');
      assert.deepEqual(errors, [], `${file} ${r.kind}/${r.name}`);
    }
  }
  assert.ok(resources > 50, `only ${resources} resources read`);
});

test('Job selectors: only with manualSelector, then they must match the template labels', () => {
  const job = (extra: string) => `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
${extra}  template:
    metadata: {labels: {app: j}}
    spec:
      restartPolicy: Never
      containers: [{name: run, image: busybox}]
`;
  assert.deepEqual(check(job('')), []);
  assert.match(check(job('  selector: {matchLabels: {app: j}}\n'))[0].message, /^spec\.selector: Invalid value: .*: `selector` not auto-generated$/);
  assert.deepEqual(check(job('  manualSelector: true\n  selector: {matchLabels: {app: j}}\n')), []);
  assert.match(check(job('  manualSelector: true\n  selector: {matchLabels: {app: x}}\n'))[0].message, /`selector` does not match template `labels`$/);
});

test('volume mounts must name a volume; liveness successThreshold must be 1', () => {
  const y = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
    - name: data
      emptyDir: {}
  containers:
    - name: app
      image: x
      volumeMounts:
        - {name: data, mountPath: /data}
        - {name: cache, mountPath: /cache}
      livenessProbe:
        exec: {command: [cat, /tmp/ok]}
        successThreshold: 2
`;
  const f = check(y);
  assert.deepEqual(f.map((x) => x.message), [
    'spec.containers[0].volumeMounts[1].name: Not found: "cache"',
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
  ]);
  assert.equal(covered(y, f[0]), 'cache');
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16, volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
  assert.deepEqual(check(sts), [], 'volumeClaimTemplates count as volumes');
});

test('HPA bounds, PDB minAvailable with maxUnavailable, ConfigMap keys', () => {
  const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 5\n  maxReplicas: 3\n';
  assert.deepEqual(check(hpa).map((x) => x.message), ['spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`']);
  const pdb = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}\n';
  assert.match(check(pdb)[0].message, /minAvailable and maxUnavailable cannot be both set$/);
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  "a key": x\n  good.key: y\nbinaryData:\n  good.key: eA==\n';
  const f = check(cm);
  assert.equal(f.length, 2);
  assert.match(f[0].message, /^data\[a key\]: Invalid value: "a key": a valid config key must consist of alphanumeric characters/);
  assert.equal(covered(cm, f[0]), '"a key"');
  assert.match(f[1].message, /^binaryData\[good\.key\]: .*duplicate of key present in data/);
});

test('Ingress backend ports: exactly one of name and number', () => {
  const y = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: {name: http, number: 80}
          - path: /b
            pathType: Prefix
            backend:
              service:
                name: web
                port: {}
`;
  assert.deepEqual(check(y).map((x) => x.message), [
    'spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: "http": cannot set both port name & port number',
    'spec.rules[0].http.paths[1].backend.service.port: Required value: port name or number is required',
  ]);
});
