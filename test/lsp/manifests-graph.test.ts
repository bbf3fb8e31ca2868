import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';

const SHOP = path.join(ROOT, 'examples', 'shop');
const K8S = path.join(SHOP, 'k8s');
const read = (f: string) => fs.readFileSync(path.join(K8S, f), 'utf8');

test('manifests across files: diagnostics follow edits in other files; hover, definition, CodeLens and the graph request', async () => {
  const s = await startServer({ rootPath: SHOP });
  try {
    const worker = fileUri(path.join(K8S, 'worker.yaml'));
    const first = await s.open(worker, 'yaml', read('worker.yaml'));
    assert.ok(first.some((d) => d.code === 'drydock/missing-configmap'), JSON.stringify(first.map((d) => d.code)));

    // Creating the ConfigMap in another (unsaved) document fixes the worker's diagnostic.
    const extra = fileUri(path.join(K8S, 'worker-config.yaml'));
    const refreshed = s.nextDiagnostics(worker, 1);
    await s.open(extra, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-config\n  namespace: shop\ndata:\n  QUEUE_URL: amqp://queue\n');
    await s.change(extra, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-config\n  namespace: shop\ndata:\n  QUEUE_URL: amqp://queue\n  # edited\n');
    const after = await refreshed;
    assert.ok(!after.some((d) => d.code === 'drydock/missing-configmap'), JSON.stringify(after.map((d) => d.code)));

    const web = fileUri(path.join(K8S, 'web.yaml'));
    await s.open(web, 'yaml', read('web.yaml'));
    const webLines = read('web.yaml').split('\n');
    const selectorLine = webLines.findIndex((l, i) => i > 34 && /^\s*selector:/.test(l));
    const hover = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: web }, position: { line: selectorLine, character: 4 } });
    assert.match(hover.contents.value, /Selects \*\*1 workload\(s\) · 3 pod\(s\)\*\*/);

    const replicasLine = webLines.findIndex((l) => /^\s*replicas:/.test(l));
    const field = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: web }, position: { line: replicasLine, character: 4 } });
    assert.match(field.contents.value, /\*\*spec\.replicas\*\* `number`/);
    assert.match(field.contents.value, /desired pods/i);

    const lenses = await s.request<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: web } });
    const titles = lenses.map((l) => l.command.title);
    assert.ok(titles.includes('selects 1 workload · 3 pods'), JSON.stringify(titles));
    assert.ok(titles.includes('▶ Simulate apply'));

    const ingress = fileUri(path.join(K8S, 'ingress.yaml'));
    const ingressText = read('ingress.yaml');
    await s.open(ingress, 'yaml', ingressText);
    const nameLine = ingressText.split('\n').findIndex((l) => /name: web$/.test(l));
    const def = await s.request<Array<{ uri: string; range: { start: { line: number } } }>>('textDocument/definition', { textDocument: { uri: ingress }, position: { line: nameLine, character: 22 } });
    assert.equal(def[0].uri, web);
    assert.equal(webLines[def[0].range.start.line].trim(), 'kind: Service');

    const graph = await s.request<{ nodes: Array<{ id: string }>; edges: Array<{ from: string; to: string; relation: string }> }>('drydock/resourceGraph', { namespace: 'shop' });
    assert.ok(graph.edges.some((e) => e.from === 'Ingress/shop/shop' && e.to === 'Service/shop/web' && e.relation === 'routes'));
    assert.ok(graph.edges.some((e) => e.relation === 'runs'));
  } finally {
    await s.shutdown();
  }
});

test('manifest completion over LSP: schema keys, enum values, workspace references; compose files get none', async () => {
  const s = await startServer({ rootPath: SHOP });
  try {
    const uri = fileUri(path.join(K8S, 'new.yaml'));
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          \n';
    await s.open(uri, 'yaml', text);
    type Item = { label: string; kind: number; textEdit: { newText: string }; insertTextFormat: number };
    const keys = await s.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 10 } });
    const ports = keys.find((i) => i.label === 'ports');
    assert.ok(ports, JSON.stringify(keys.map((i) => i.label)));
    assert.equal(ports.insertTextFormat, 2, 'a snippet');
    assert.equal(ports.textEdit.newText, 'ports:\n            - $0');
    assert.ok(!keys.some((i) => i.label === 'name'));

    await s.change(uri, text.replace('        - name: web\n          \n', '        - name: web\n          envFrom:\n            - configMapRef:\n                name: \n'));
    const refs = await s.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 22 } });
    assert.ok(refs.some((i) => i.label === 'api-config'), `ConfigMaps of the workspace on disk: ${JSON.stringify(refs.map((i) => i.label))}`);

    const compose = fileUri(path.join(SHOP, 'docker-compose.yaml'));
    await s.open(compose, 'yaml', 'services:\n  web:\n    image: nginx\n    \n');
    const none = await s.request<Item[]>('textDocument/completion', { textDocument: { uri: compose }, position: { line: 3, character: 4 } });
    assert.deepEqual(none, []);
  } finally {
    await s.shutdown();
  }
});

test('the drydock.images setting maps an image to a Dockerfile: hover and Go to Definition on the image line; the template line hovers its ReplicaSet', async () => {
  const s = await startServer({ rootPath: SHOP, initializationOptions: { diagnostics: { debounceMs: 0 }, images: { 'shop/web': 'api/Dockerfile', 'shop/x': '../../outside/Dockerfile' } } });
  try {
    const web = fileUri(path.join(K8S, 'web.yaml'));
    const text = read('web.yaml');
    await s.open(web, 'yaml', text);
    const lines = text.split('\n');
    const imageLine = lines.findIndex((l) => /^\s*image: shop\/web/.test(l));
    const hover = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: web }, position: { line: imageLine, character: 12 } });
    assert.match(hover.contents.value, /Image built by `.*api\/Dockerfile`/);
    // ... with the final image's layers and size from the layer plan of that Dockerfile and its build context.
    assert.match(hover.contents.value, /\n\n\d+ layers? on `[^`]+` · \d+(\.\d+)? (B|KB|MB)/);
    const def = await s.request<Array<{ uri: string }>>('textDocument/definition', { textDocument: { uri: web }, position: { line: imageLine, character: 12 } });
    assert.equal(def[0].uri, fileUri(path.join(SHOP, 'api', 'Dockerfile')));
    const templateLine = lines.findIndex((l) => /^\s*template:/.test(l));
    const owns = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: web }, position: { line: templateLine, character: 4 } });
    assert.match(owns.contents.value, /Owns a ReplicaSet `web-…`: ReplicaSet → 3 pods/);
  } finally {
    await s.shutdown();
  }
});
