/**
 * Manifests: a 1,000-resource (~19,500-line) multi-document file, analysed whole (parse, schema and
 * API-server validation, graph, rules) and then edited one document at a time through the incremental
 * index, as the server does on a keystroke.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManifestIndex } from '../server/src/manifests/index';
import { kubernetesJsonSchema } from './lib/k8sJsonSchema';
import { median, percentile, startClient } from './lib/lspClient';

const ROOT = path.resolve(__dirname, '..');
const PEER = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const PEER_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string }).version;

const doc = (i: number, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 10}
  labels:
    app: app-${i}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i}
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: cfg-${i}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ns-${i % 10}
spec:
  selector:
    app: app-${i}
  ports:
    - port: 80
      targetPort: http
`;

/** The same shapes with what the rules ask for (spread, resources, probes, security context, the ConfigMap): no findings. */
const cleanDoc = (i: number, replicas = 2) =>
  doc(i, replicas)
    .replace('    spec:\n      containers:\n', `    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: app-${i}
      containers:
`)
    .replace(`                name: cfg-${i}\n`, `                name: cfg-${i}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 128Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          securityContext:
            runAsNonRoot: true
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
`) + `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg-${i}
  namespace: ns-${i % 10}
data:
  LOG_LEVEL: info
`;

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const parts = Array.from({ length: 500 }, (_, i) => doc(i));
  const text = parts.join('---\n');
  const fulls: number[] = [];
  for (let r = 0; r < 3; r++) {
    const ix = new ManifestIndex();
    const t0 = performance.now();
    ix.update('/bench.yaml', text);
    ix.findings('/bench.yaml');
    fulls.push(performance.now() - t0);
  }
  const ix = new ManifestIndex();
  ix.update('/bench.yaml', text);
  ix.findings('/bench.yaml');
  const edits: number[] = [];
  for (let k = 0; k < 60; k++) {
    const i = (k * 37) % 500;
    const edited = parts.map((p, j) => (j === i ? doc(j, 3 + k) : p)).join('---\n');
    const t0 = performance.now();
    ix.update('/bench.yaml', edited);
    ix.findings('/bench.yaml');
    edits.push(performance.now() - t0);
  }
  const warm = edits.slice(10);
  report('Manifests: 1,000 resources in one file (in process)', [
    ['lines', 'full analysis median (ms)', 'edit → findings p50 (ms)', 'p95 (ms)'],
    [String(text.split('\n').length), median(fulls).toFixed(0), median(warm).toFixed(1), percentile(warm, 95).toFixed(1)],
  ]);
  await overLsp(parts, doc, report, `the same 19,500-line file (4,500 findings)`);
  // The same size with no findings: what an edit costs when the answer is small.
  await overLsp(Array.from({ length: 334 }, (_, i) => cleanDoc(i)), cleanDoc, report, 'a 24,000-line file of 1,002 resources with no findings');
}

/**
 * The same file and edits over LSP, side by side with yaml-language-server given a local Kubernetes JSON
 * schema (the same pinned definitions, see lib/k8sJsonSchema.ts) for every .yaml file: time from didOpen
 * to the first diagnostics, and from each full-text didChange to the diagnostics of that version.
 */
async function overLsp(parts: string[], make: (i: number, replicas?: number) => string, report: (section: string, rows: string[][]) => void, what: string): Promise<void> {
  // A temp folder, not bench/.out: the peer's schema globs (minimatch) do not enter dot folders.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-bench-manifests-'));
  const schemaFile = path.join(out, 'kubernetes.schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(kubernetesJsonSchema()));
  // One planted typo (`replica:`), so the table shows that each server really validated against the schema.
  const text = parts.map((p, j) => (j === 3 ? p.replace('  replicas:', '  replica:') : p)).join('---\n');
  const edits = Array.from({ length: 30 }, (_, k) => {
    const i = (k * 37) % parts.length;
    return parts.map((p, j) => (j === i ? make(j, 3 + k) : p)).join('---\n');
  });
  const rows: string[][] = [['server', 'open → diagnostics (ms)', 'edit → diagnostics p50 (ms)', 'p95 (ms)', 'diagnostics on open', 'caught the typo', 'RSS (MB)']];
  const results: Array<{ open: number; p50: number; p95: number }> = [];
  const servers: Array<[string, string[], unknown, unknown]> = [
    ['Drydock', [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { diagnostics: { debounceMs: 0 } }, undefined],
    [`yaml-language-server ${PEER_VERSION}`, [PEER, '--stdio'], undefined, { yaml: { validate: true, hover: true, completion: true, schemas: { [pathToFileURL(schemaFile).href]: '**/*.yaml' } } }],
  ];
  for (const [name, args, init, settings] of servers) {
    const dir = path.join(out, name.split(' ')[0]);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'bench.yaml');
    fs.writeFileSync(file, text);
    const client = await startClient(process.execPath, args, pathToFileURL(dir).href, init, settings);
    const uri = pathToFileURL(file).href;
    const open = await client.open(uri, 'yaml', text);
    const messages = client.lastDiagnostics?.(uri) ?? [];
    const caught = messages.some((m) => /\breplica\b/.test(m));
    const times: number[] = [];
    for (const e of edits) times.push(await client.edit(uri, e));
    const warm = times.slice(5);
    const r = { open, p50: median(warm), p95: percentile(warm, 95) };
    results.push(r);
    rows.push([name, open.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), String(messages.length), caught ? 'yes' : 'no', (client.rssKb() / 1024).toFixed(0)]);
    await client.close();
  }
  fs.rmSync(out, { recursive: true, force: true });
  const [a, b] = results;
  rows.push(['peer ÷ Drydock', `${(b.open / a.open).toFixed(1)}×`, `${(b.p50 / a.p50).toFixed(1)}×`, `${(b.p95 / a.p95).toFixed(1)}×`, '', '', '']);
  report(`Manifests over LSP: ${what}, 25 edits after 5 warm-up (full-text sync), side by side`, rows);
}
