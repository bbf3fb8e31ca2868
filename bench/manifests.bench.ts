/**
 * Manifests: a 1,000-resource (~19,500-line) multi-document file, analysed whole (parse, schema and
 * API-server validation, graph, rules) and then edited one document at a time through the incremental
 * index, as the server does on a keystroke.
 */
import { ManifestIndex } from '../server/src/manifests/index';
import { median, percentile } from './lib/lspClient';

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
}
