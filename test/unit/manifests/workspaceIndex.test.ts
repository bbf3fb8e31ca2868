import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ManifestIndex, analyseManifests, runManifestRules, splitDocuments, type ManifestFile } from '../../../server/src/manifests/index';
import type { Finding } from '../../../server/src/common/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHOP = path.join(ROOT, 'examples', 'shop', 'k8s');
const REAL = path.join(ROOT, 'test', 'fixtures', 'k8s', 'real');
const read = (dir: string) => fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));

/** The reference: every file parsed whole, then the cross-resource rules over all of them (no index). */
function analyseManifestSet(files: Array<{ path: string; text: string }>) {
  const findings = new Map<string, Finding[]>();
  const parsed: ManifestFile[] = [];
  for (const f of files) {
    const a = analyseManifests(f.text);
    findings.set(f.path, a.findings);
    if (a.parse.isKubernetes) parsed.push({ path: f.path, resources: a.parse.resources, lines: a.parse.lines });
  }
  const linked = runManifestRules(parsed);
  for (const [p, list] of linked.findings) findings.set(p, [...(findings.get(p) ?? []), ...list]);
  return { findings, graph: linked.graph };
}

const key = (f: Finding) => `${f.rule}|${f.severity}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.message}|${JSON.stringify(f.fixes ?? [])}|${JSON.stringify(f.related ?? [])}`;
const sorted = (l: Finding[]) => l.map(key).sort();

function indexOf(files: Array<{ path: string; text: string }>): ManifestIndex {
  const ix = new ManifestIndex();
  for (const f of files) ix.update(f.path, f.text);
  return ix;
}

test('the index finds exactly what a whole-file analysis finds (example shop and real manifests)', () => {
  for (const files of [read(SHOP), read(REAL)]) {
    const whole = analyseManifestSet(files).findings;
    const ix = indexOf(files);
    for (const f of files) assert.deepEqual(sorted(ix.findings(f.path)), sorted(whole.get(f.path) ?? []), f.path);
    assert.equal(ix.graph().edges.length, analyseManifestSet(files).graph.edges.length);
  }
});

test('splitDocuments keeps every line and each document\'s first line', () => {
  const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n---\n';
  const docs = splitDocuments(text);
  assert.equal(docs.map((d) => d.text).join(''), text);
  assert.deepEqual(docs.map((d) => d.startLine), [0, 1, 3, 5]);
  assert.equal(splitDocuments('%YAML 1.2\n---\na: 1\n---\nb: 2\n').length, 1);
});

test('an edit re-parses only the changed document; documents below move with their positions', () => {
  const [api] = read(SHOP).filter((f) => f.path.endsWith('api.yaml'));
  const files = read(SHOP);
  const ix = indexOf(files);
  const docs = splitDocuments(api.text).length;
  assert.ok(docs >= 3, 'api.yaml has several documents');
  // Same text: nothing parsed.
  assert.deepEqual(ix.update(api.path, api.text), { parsed: 0, reused: docs });
  // Change a value inside the first document on one line: one document parsed, the rest reused.
  const edited = api.text.replace(/^(\s*name:\s*)api\b/m, '$1api2');
  assert.notEqual(edited, api.text);
  assert.deepEqual(ix.update(api.path, edited), { parsed: 1, reused: docs - 1 });
  // Insert two comment lines at the top: the first document changes, the others are reused and moved.
  const moved = '# one\n# two\n' + edited;
  assert.deepEqual(ix.update(api.path, moved), { parsed: 1, reused: docs - 1 });
  const after = files.map((f) => (f.path === api.path ? { ...f, text: moved } : f));
  const whole = analyseManifestSet(after).findings;
  assert.deepEqual(sorted(ix.findings(api.path)), sorted(whole.get(api.path) ?? []));
  for (const r of ix.resources(api.path)) assert.equal(ix.fileOf(r), api.path);
});

test('an edit in one file re-links the others: creating the missing ConfigMap clears the finding in worker.yaml', () => {
  const files = read(SHOP);
  const ix = indexOf(files);
  const worker = files.find((f) => f.path.endsWith('worker.yaml'))!;
  assert.ok(ix.findings(worker.path).some((f) => f.rule === 'drydock/missing-configmap'));
  const extra = path.join(SHOP, 'extra.yaml');
  ix.update(extra, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-config\n  namespace: shop\ndata:\n  QUEUE_URL: amqp://q\n');
  assert.ok(!ix.findings(worker.path).some((f) => f.rule === 'drydock/missing-configmap' || f.rule === 'drydock/missing-key'));
  ix.remove(extra);
  assert.ok(ix.findings(worker.path).some((f) => f.rule === 'drydock/missing-configmap'));
});

test('random line edits keep the index equal to a fresh analysis', () => {
  const files = read(SHOP);
  const ix = indexOf(files);
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const texts = new Map(files.map((f) => [f.path, f.text]));
  for (let step = 0; step < 40; step++) {
    const p = files[rnd(files.length)].path;
    const lines = texts.get(p)!.split('\n');
    const at = rnd(lines.length);
    const op = rnd(3);
    if (op === 0) lines.splice(at, 0, '# note ' + step);
    else if (op === 1 && lines.length > 2) lines.splice(at, 1);
    else lines[at] = lines[at].replace(/[a-z]/, 'x');
    texts.set(p, lines.join('\n'));
    ix.update(p, texts.get(p)!);
  }
  const now = [...texts].map(([p, text]) => ({ path: p, text }));
  const whole = analyseManifestSet(now).findings;
  for (const f of now) assert.deepEqual(sorted(ix.findings(f.path)), sorted(whole.get(f.path) ?? []), f.path);
});

test('splitDocuments agrees with a line-by-line split on random streams (fast-check)', async () => {
  const fc = await import('fast-check');
  // The plain definition: a line starting with `---` and then a blank or the line end opens a document.
  const byLines = (text: string) => {
    const lines = text.split(/(?<=\n)/);
    if (lines.some((l) => l.startsWith('%'))) return [{ text, startLine: 0 }];
    const out: Array<{ text: string; startLine: number }> = [];
    let cur: string[] = [];
    let start = 0;
    lines.forEach((l, i) => {
      if (i > 0 && /^---(?:[ \t\r\n]|$)/.test(l)) {
        out.push({ text: cur.join(''), startLine: start });
        cur = [];
        start = i;
      }
      cur.push(l);
    });
    out.push({ text: cur.join(''), startLine: start });
    return out;
  };
  const piece = fc.constantFrom('---', '--- ', '---\t# c', '----', '--', 'a: 1', '  ---', '', '\r', 'key: ---', '...', 'x: |', '%YAML 1.2', '---a');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (parts, eol) => {
      const text = parts.join(eol);
      assert.deepEqual(splitDocuments(text), byLines(text));
    }),
    { numRuns: 2000 },
  );
});

test('partitioned linking: after every random edit the index equals the whole-file reference (namespaces, cluster scope, moves; fast-check)', async () => {
  const fc = await import('fast-check');
  const ns = ['a', 'b', 'c'];
  // Documents that refer to each other within and across namespaces, and to cluster-scoped objects.
  const docs = (n: string, i: number) => [
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app${i}\n  namespace: ${n}\nspec:\n  replicas: ${i % 3 + 1}\n  selector:\n    matchLabels:\n      app: app${i}\n  template:\n    metadata:\n      labels:\n        app: app${i}\n    spec:\n      serviceAccountName: sa${i}\n      containers:\n        - name: c\n          image: img:1\n          ports:\n            - name: http\n              containerPort: 80\n          envFrom:\n            - configMapRef:\n                name: cfg${i}\n          env:\n            - name: K\n              valueFrom:\n                configMapKeyRef:\n                  name: cfg${i}\n                  key: k${i}\n`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: app${i}\n  namespace: ${n}\nspec:\n  selector:\n    app: app${i}\n  ports:\n    - port: 80\n      targetPort: http\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg${i}\n  namespace: ${n}\ndata:\n  k${i}: v\n`,
    `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb${i}\n  namespace: ${n}\nspec:\n  maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: app${i}\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb${i}\n  namespace: ${n}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: role${i}\nsubjects:\n  - kind: ServiceAccount\n    name: sa${i}\n`,
  ];
  const cluster = (i: number) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role${i}\nrules: []\n`;
  const edgeKeys = (g: { edges: Array<{ from: { kind: string; name: string | null; range: { start: { line: number } } }; to: { kind: string; name: string | null } | null; relation: string; target: string; label?: string }> }) =>
    g.edges.map((e) => `${e.from.kind}/${e.from.name}@${e.from.range.start.line} -${e.relation}-> ${e.to ? `${e.to.kind}/${e.to.name}` : e.target} ${e.label ?? ''}`).sort();
  const edit = fc.oneof(
    fc.record({ op: fc.constant('rename' as const), file: fc.nat(3), doc: fc.nat(40), to: fc.constantFrom('app1', 'app2', 'cfg1', 'cfg9', 'sa2', 'role1', 'role5') }),
    fc.record({ op: fc.constant('namespace' as const), file: fc.nat(3), doc: fc.nat(40), to: fc.constantFrom(...ns) }),
    fc.record({ op: fc.constant('insertLine' as const), file: fc.nat(3), line: fc.nat(400) }),
    fc.record({ op: fc.constant('deleteDoc' as const), file: fc.nat(3), doc: fc.nat(40) }),
    fc.record({ op: fc.constant('label' as const), file: fc.nat(3), doc: fc.nat(40), to: fc.constantFrom('app1', 'app2', 'x') }),
  );
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
      // Four files: three by namespace (with a few documents of other namespaces mixed in) and the cluster scope.
      const files = new Map<string, string[]>([
        ...ns.map((n, k) => [`/ws/${n}.yaml`, [...docs(n, 1), ...docs(n, 2), ...docs(ns[(k + 1) % 3], 3 + k)]] as [string, string[]]),
        ['/ws/cluster.yaml', [cluster(1), cluster(2), cluster(3)]],
      ]);
      const paths = [...files.keys()];
      const text = (p: string) => files.get(p)!.join('---\n');
      const ix = new ManifestIndex();
      for (const p of paths) ix.update(p, text(p));
      for (const p of paths) ix.findings(p);
      for (const e of edits) {
        const p = paths[e.file];
        const list = files.get(p)!;
        if (e.op === 'insertLine') {
          const lines = text(p).split('\n');
          lines.splice(e.line % (lines.length + 1), 0, '# inserted');
          files.set(p, lines.join('\n').split(/^---\n/m));
        } else if (list.length) {
          const d = e.doc % list.length;
          if (e.op === 'deleteDoc') list.splice(d, 1);
          else if (e.op === 'rename') list[d] = list[d].replace(/^(  name: )\S+/m, `$1${e.to}`);
          else if (e.op === 'namespace') list[d] = list[d].replace(/^(  namespace: )\S+/m, `$1${e.to}`);
          else list[d] = list[d].replace(/(app: )app\d+/g, `$1${e.to}`);
        }
        ix.update(p, text(p));
        const now = paths.map((q) => ({ path: q, text: text(q) }));
        const whole = analyseManifestSet(now);
        for (const f of now) assert.deepEqual(sorted(ix.findings(f.path)), sorted(whole.findings.get(f.path) ?? []), `${f.path} after ${JSON.stringify(e)}`);
        assert.deepEqual(edgeKeys(ix.graph()), edgeKeys(whole.graph));
      }
    }),
    { numRuns: 60 },
  );
});

test('an edit in one namespace relinks only that namespace', () => {
  const doc = (n: string, i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  namespace: ${n}\nspec:\n  selector:\n    app: x${i}\n  ports:\n    - port: 80\n`;
  const text = (v: number) => [doc('a', 1), doc('b', 2), doc('c', 3).replace('port: 80', `port: ${v}`)].join('---\n');
  const ix = new ManifestIndex();
  ix.update('/ws/s.yaml', text(80));
  ix.findings('/ws/s.yaml');
  const before = { ...ix.stats };
  ix.update('/ws/s.yaml', text(81));
  ix.findings('/ws/s.yaml');
  assert.deepEqual({ linked: ix.stats.linkedPartitions - before.linkedPartitions, reused: ix.stats.reusedPartitions - before.reusedPartitions }, { linked: 1, reused: 2 });
});
