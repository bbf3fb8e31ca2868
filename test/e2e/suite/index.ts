/**
 * Runs inside VS Code's extension host (loaded through extensionTestsPath), so it checks Drydock
 * through the real extension API. No test framework: each check throws on failure, and the
 * promise returned by run() tells VS Code whether the suite passed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { leveledChannel, type DrydockLogLevel } from '../../../client/src/log';
import type { ClusterTreeProvider } from '../../../client/src/cluster/tree';
import type { ClusterClock } from '../../../client/src/cluster/commands';

const EXTENSION_ID = 'drydock-dev.drydock';

type ClusterApi = { cluster: ClusterTreeProvider; clock: ClusterClock };
const clusterApi = () => vscode.extensions.getExtension(EXTENSION_ID)!.exports as ClusterApi;
/** A StatefulSet, a Job and a pod no node can hold, applied beside the example. */
const WORKLOADS = [
  'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  serviceName: db', '  replicas: 2', '  selector: {matchLabels: {app: db}}', '  template:',
  '    metadata: {labels: {app: db}}', '    spec: {containers: [{name: db, image: "postgres:16.4", resources: {requests: {cpu: 100m, memory: 128Mi}}}]}', '---',
  'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: migrate}', 'spec:', '  template:', '    spec:', '      restartPolicy: Never', '      containers: [{name: m, image: "busybox:1.36", command: ["true"]}]', '---',
  'apiVersion: v1', 'kind: Pod', 'metadata: {name: huge}', 'spec:', '  containers: [{name: h, image: "nginx:1.27", resources: {requests: {cpu: "64"}}}]', '',
].join('\n');

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const checks: Array<[string, () => Promise<void>]> = [
  ['the extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  }],
  ['its commands are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['drydock.simulateApply', 'drydock.showLayers', 'drydock.resetCluster', 'drydock.showResourceGraph', 'drydock.whichLayersRebuild']) assert.ok(all.includes(c), `missing command ${c}`);
  }],
  ['diagnostics arrive for an opened Dockerfile, with rule ids and exact ranges', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    const uri = vscode.Uri.file(path.join(folder.uri.fsPath, 'shop', 'web', 'Dockerfile'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'dockerfile');
    const diag = await waitFor('an invalid-json-form diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'invalid-json-form'));
    assert.equal(diag.source, 'drydock');
    assert.equal(doc.lineAt(diag.range.start.line).text.startsWith('CMD'), true);
  }],
  ['an edit updates the diagnostics', async () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const uri = editor.document.uri;
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'RUNN echo typo\n'));
    const diag = await waitFor('an unknown-instruction diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-instruction'));
    assert.equal(editor.document.lineAt(diag.range.start.line).text, 'RUNN echo typo');
    await vscode.commands.executeCommand('undo');
    await waitFor('the unknown-instruction diagnostic to go', () =>
      !vscode.languages.getDiagnostics(uri).some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-instruction'));
  }],
  ['the Layers view receives the plan of the open Dockerfile', async () => {
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { layers: { lastPlan: { stages: Array<{ steps: Array<{ instruction: string; kind: string }> }> } | null; refresh(): Promise<void> } };
    await vscode.commands.executeCommand('drydock.showLayers');
    const plan = await waitFor('a layer plan', async () => {
      await api.layers.refresh();
      return api.layers.lastPlan ?? undefined;
    });
    assert.equal(plan.stages.length, 2);
    assert.deepEqual(plan.stages[0].steps.map((s) => s.instruction), ['WORKDIR', 'COPY', 'RUN', 'RUN']);
    assert.equal(plan.stages[1].steps.find((s) => s.instruction === 'EXPOSE')?.kind, 'config');
  }],
  ['saving a file of the build context marks the layers a change to it rebuilds', async () => {
    type Step = { instruction: string; arguments: string; rebuilds?: boolean };
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { layers: { changed: string | null; lastPlan: { stages: Array<{ steps: Step[] }> } | null; setChanged(p: string | null): Promise<void> } };
    const folder = vscode.workspace.workspaceFolders![0];
    const file = path.join(folder.uri.fsPath, 'shop', 'web', 'nginx.conf');
    const original = fs.readFileSync(file, 'utf8');
    try {
      const doc = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# e2e\n'));
      await doc.save();
      const traced = (p: { stages: Array<{ steps: Step[] }> } | null) => !!p && p.stages.some((st) => st.steps.some((x) => x.rebuilds !== undefined));
      const plan = await waitFor('the saved file traced to the steps it rebuilds', () => (api.layers.changed === 'nginx.conf' && traced(api.layers.lastPlan) ? api.layers.lastPlan! : undefined));
      const steps = plan.stages.flatMap((st) => st.steps);
      const copy = steps.find((st) => st.instruction === 'COPY' && st.arguments.startsWith('nginx.conf'));
      assert.equal(copy?.rebuilds, true, JSON.stringify(steps));
      assert.equal(steps.find((st) => st.instruction === 'WORKDIR')?.rebuilds, false);
      await api.layers.setChanged(null);
      await waitFor('the marks cleared', () => api.layers.changed === null && !traced(api.layers.lastPlan));
    } finally {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
      if (doc && doc.getText() !== original) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
        await vscode.workspace.applyEdit(edit);
        await doc.save();
      }
      if (fs.readFileSync(file, 'utf8') !== original) fs.writeFileSync(file, original);
    }
  }],
  ['a build-arg traced to the steps it rebuilds', async () => {
    type Step = { instruction: string; arguments: string; rebuilds?: boolean };
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { layers: { changed: string | null; lastPlan: { stages: Array<{ steps: Step[] }> } | null; setChanged(p: string | null): Promise<void> } };
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'e2e-args-tmp');
    fs.mkdirSync(dir, { recursive: true });
    try {
      const file = path.join(dir, 'Dockerfile');
      fs.writeFileSync(file, 'FROM alpine:3.20\nCOPY a.txt /a\nARG VERSION=1\nRUN echo "$VERSION" > /v\nEXPOSE 80\n');
      fs.writeFileSync(path.join(dir, 'a.txt'), 'a\n');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      await waitFor('the plan of the new Dockerfile', () => api.layers.lastPlan?.stages[0]?.steps.some((s) => s.arguments.includes('VERSION')) || undefined);
      await api.layers.setChanged('arg:VERSION');
      const steps = api.layers.lastPlan!.stages[0].steps;
      // The ARG's value reaches the RUN after it (and every later step); the COPY before it stays cached.
      assert.deepEqual(steps.map((s) => [s.instruction, s.rebuilds]), [['COPY', false], ['ARG', false], ['RUN', true], ['EXPOSE', true]]);
      await api.layers.setChanged(null);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }],
  ['the Resource Graph panel gets the laid-out workspace graph and reveals a node\'s manifest', async () => {
    type Node = { id: string; kind: string; dangling: boolean; x: number; y: number; width: number; height: number };
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { graph: { lastGraph: { nodes: Node[]; edges: Array<{ from: string; to: string; dangling: boolean; points: unknown[] }>; namespaces: string[] } | null; reveal(id: string): Promise<boolean> } };
    await vscode.commands.executeCommand('drydock.showResourceGraph');
    const g = await waitFor('a resource graph', () => api.graph.lastGraph ?? undefined);
    assert.ok(g.namespaces.includes('shop'), JSON.stringify(g.namespaces));
    assert.ok(g.nodes.some((n) => n.id === 'Deployment/shop/web' && n.width > 0));
    assert.ok(g.nodes.some((n) => n.kind === 'Dockerfile'));
    const dangling = g.edges.find((e) => e.from === 'Service/shop/api' && e.dangling);
    assert.ok(dangling && dangling.points.length >= 2, JSON.stringify(g.edges.filter((e) => e.dangling)));
    assert.equal(await api.graph.reveal('Deployment/shop/worker'), true);
    const editor = await waitFor('worker.yaml in the editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('worker.yaml') ? vscode.window.activeTextEditor : undefined));
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^kind:\s*Deployment/);
    assert.equal(await api.graph.reveal('no/such/node'), false);
  }],
  ['the Resource Graph follows an unsaved edit of a manifest', async () => {
    type Edge = { from: string; to: string; relation: string; dangling: boolean };
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { graph: { lastGraph: { edges: Edge[] } | null } };
    const folder = vscode.workspace.workspaceFolders![0];
    const doc = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'shop', 'k8s', 'api.yaml'));
    const original = doc.getText();
    const at = original.indexOf('app: shop-api');
    assert.ok(at > 0);
    const selects = () => api.graph.lastGraph?.edges.find((e) => e.from === 'Service/shop/api' && e.relation === 'selects');
    assert.equal(selects()?.dangling, true);
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'app: shop-api'.length));
    const fix = new vscode.WorkspaceEdit();
    fix.replace(doc.uri, range, 'app: api');
    assert.ok(await vscode.workspace.applyEdit(fix));
    try {
      const resolved = await waitFor('the selector edge to resolve', () => (selects()?.dangling === false ? selects() : undefined));
      assert.equal(resolved.to, 'Deployment/shop/api');
    } finally {
      const back = new vscode.WorkspaceEdit();
      back.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
      await vscode.workspace.applyEdit(back);
    }
    await waitFor('the selector edge to dangle again', () => selects()?.dangling === true);
  }],
  ['drydock.logLevel filters the extension\'s and the forwarded server lines', async () => {
    const seen: string[] = [];
    const rec = (kind: string) => (m: string) => void seen.push(`${kind} ${m}`);
    let channelLevel = vscode.LogLevel.Info;
    const fake = { name: 'fake', get logLevel() { return channelLevel; }, error: rec('error'), warn: rec('warn'), info: rec('info'), debug: rec('debug'), trace: rec('trace'), appendLine: rec('line') } as unknown as vscode.LogOutputChannel;
    let level: DrydockLogLevel = 'warn';
    const out = leveledChannel(fake, () => level);
    const emit = () => {
      out.error('e'); out.warn('w'); out.info('i'); out.debug('d');
      out.appendLine('[info] server note'); out.appendLine('[debug] server detail'); out.appendLine('bare line');
    };
    emit();
    assert.deepEqual(seen.splice(0), ['error e', 'warn w']);
    level = 'info';
    emit();
    assert.deepEqual(seen.splice(0), ['error e', 'warn w', 'info i', 'line [info] server note']);
    // At debug, debug lines show even when VS Code's level for the channel is info: as info lines marked [debug].
    level = 'debug';
    emit();
    assert.deepEqual(seen.splice(0), ['error e', 'warn w', 'info i', 'info [debug] d', 'line [info] server note', 'info [debug] server detail', 'info [debug] bare line']);
    channelLevel = vscode.LogLevel.Debug;
    out.debug('d');
    assert.deepEqual(seen.splice(0), ['debug d']);
    assert.equal(out.name, 'fake');
    assert.equal(out.logLevel, vscode.LogLevel.Debug);
  }],
  ['Simulate Apply runs the workspace manifests on the simulated cluster', async () => {
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { cluster: { view: { namespaces: Array<{ name: string; deployments: Array<{ name: string; ready: number; desired: number }> }> } | null } };
    await vscode.commands.executeCommand('drydock.simulateApplyWorkspace');
    const view = await waitFor('a cluster view', () => api.cluster.view ?? undefined);
    const web = view.namespaces.find((n) => n.name === 'shop')?.deployments.find((d) => d.name === 'web');
    assert.ok(web, JSON.stringify(view.namespaces.map((n) => n.name)));
    assert.equal(web.ready, 3);
    assert.equal(web.desired, 3);
  }],
  ['the Cluster tree (TreeDataProvider) shows nodes with allocation, Deployments > ReplicaSets > pods, Services > endpoints, Ingresses > rules > backends, events', async () => {
    const t = clusterApi().cluster;
    const roots = t.getChildren();
    assert.equal(roots[0].id, 'nodes');
    assert.equal(roots.at(-1)!.id, 'events');
    assert.ok(roots.some((r) => r.id === 'ns/shop'), roots.map((r) => r.id).join(', '));
    const nodes = t.getChildren(roots[0]);
    assert.ok(nodes.length >= 3);
    for (const n of nodes) {
      assert.match(String(t.getTreeItem(n).description), /^Ready · cpu \d+m\/\d+m \(\d+%\) · mem \S+ \(\d+%\) · pods \d+\/\d+$/);
      assert.equal(t.getTreeItem(n).contextValue, 'drydock.node ready schedulable');
    }
    const web = t.find('deploy/shop/web')!;
    assert.match(String(t.getTreeItem(web).description), /^Deployment · 3\/3 ready/);
    assert.equal(t.getTreeItem(web).contextValue, 'drydock.deployment manifest active');
    const pods = t.getChildren(t.getChildren(web)[0]);
    assert.equal(pods.length, 3);
    for (const p of pods) {
      const item = t.getTreeItem(p);
      assert.match(String(item.description), /^Running · 1\/1 · worker-\d$/);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    }
    // The worker's pod waits for a ConfigMap: an error icon and the kubelet's reason and message in the tooltip.
    const stuck = t.getChildren(t.getChildren(t.find('deploy/shop/worker')!)[0])[0];
    assert.equal((t.getTreeItem(stuck).iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(String(t.getTreeItem(stuck).tooltip), /CreateContainerConfigError: configmap "worker-config" not found/);
    assert.equal(t.getChildren(t.find('svc/shop/web')!).length, 3);
    assert.deepEqual(t.getChildren(t.find('svc/shop/api')!).map((e) => e.label), ['no endpoints']);
    const ing = t.find('ing/shop/shop')!;
    const rule = t.getChildren(ing)[0];
    assert.match(rule.label, /^shop\.example\.com\//);
    assert.equal(t.getChildren(rule)[0].contextValue, 'drydock.backend manifest');
    assert.ok(t.getChildren(t.find('events')!).some((e) => /^Scheduled pod\//.test(e.label)));
  }],
  ['StatefulSets, Jobs and a Pending pod appear with their status and the FailedScheduling message', async () => {
    const t = clusterApi().cluster;
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'e2e-workloads-tmp');
    fs.mkdirSync(dir, { recursive: true });
    try {
      const file = path.join(dir, 'workloads.yaml');
      fs.writeFileSync(file, WORKLOADS);
      await vscode.commands.executeCommand('drydock.simulateApply', vscode.Uri.file(file));
      await vscode.commands.executeCommand('drydock.simulateRun');
      const sts = await waitFor('the StatefulSet row', () => t.find('StatefulSet/default/db'));
      assert.match(String(t.getTreeItem(sts).description), /^StatefulSet · 2\/2 ready/);
      assert.deepEqual(t.getChildren(sts).map((p) => p.label), ['db-0', 'db-1']);
      const job = t.find('Job/default/migrate')!;
      assert.match(String(t.getTreeItem(job).description), /^Job · 1\/1 completions.*Complete/);
      assert.equal((t.getTreeItem(t.getChildren(job)[0]).iconPath as vscode.ThemeIcon).id, 'check');
      const huge = t.find('pod/default/huge')!;
      assert.equal((t.getTreeItem(huge).iconPath as vscode.ThemeIcon).id, 'clock');
      assert.match(String(t.getTreeItem(huge).tooltip), /FailedScheduling: 0\/\d+ nodes are available: .*Insufficient cpu/);
      assert.equal(t.getTreeItem(huge).contextValue, 'drydock.pod manifest pending');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }],
  ['an update keeps the rows that did not change and refreshes only the changed ones', async () => {
    const t = clusterApi().cluster;
    const web = t.find('deploy/shop/web')!;
    const nodes = t.find('nodes')!;
    const before = t.getTreeItem(nodes).description;
    await vscode.commands.executeCommand('drydock.simulateStep');
    await waitFor('the clock row to change', () => t.getTreeItem(t.find('nodes')!).description !== before);
    assert.equal(t.find('deploy/shop/web'), web, 'the same row object (VS Code keeps its expansion)');
    assert.equal(t.find('nodes'), nodes);
    assert.ok(Array.isArray(t.lastRefresh) && t.lastRefresh.includes('nodes') && !t.lastRefresh.includes('deploy/shop/web'), JSON.stringify(t.lastRefresh));
  }],
  ['Fail Node on a tree item moves its pods; Recover Node brings it back', async () => {
    const t = clusterApi().cluster;
    const webPods = () => t.getChildren(t.getChildren(t.find('deploy/shop/web')!).find((rs) => rs.expanded)!);
    const node = String(t.getTreeItem(webPods()[0]).description).split(' · ').at(-1)!;
    await vscode.commands.executeCommand('drydock.failNode', t.find(`node/${node}`));
    assert.match(String(t.getTreeItem(t.find(`node/${node}`)!).description), /^NotReady/);
    assert.equal(t.getTreeItem(t.find(`node/${node}`)!).contextValue, 'drydock.node notready schedulable');
    await vscode.commands.executeCommand('drydock.simulateRun');
    const moved = webPods().map((p) => String(t.getTreeItem(p).description));
    assert.equal(moved.length, 3);
    for (const d of moved) assert.match(d, new RegExp(`^Running · 1/1 · (?!${node}$)worker-\\d$`));
    await vscode.commands.executeCommand('drydock.recoverNode', t.find(`node/${node}`));
    assert.match(String(t.getTreeItem(t.find(`node/${node}`)!).description), /^Ready/);
  }],
  ['Restart Rollout then Undo Rollout (choosing revision 1) on the Deployment row', async () => {
    const t = clusterApi().cluster;
    const web = () => t.find('deploy/shop/web')!;
    const current = () => t.getChildren(web()).find((rs) => /\(current\)/.test(String(rs.description)))!;
    // Rows are kept and updated in place: remember what the first one said.
    const first = { id: current().id, description: String(current().description) };
    await vscode.commands.executeCommand('drydock.restartRollout', web());
    assert.notEqual(current().id, first.id);
    const undo = vscode.commands.executeCommand('drydock.undoRollout', web());
    let done = false;
    void undo.then(() => (done = true));
    // The command asks which revision: accept the (only) earlier one when the pick is up.
    await waitFor('the undo to finish', async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    });
    assert.equal(current().id, first.id);
    assert.match(String(current().description), /^ReplicaSet · revision \d+ \(current\)/);
    assert.notEqual(String(current().description), first.description);
  }],
  ['Cordon / Uncordon on a node row, Pause / Resume Rollout on the Deployment row, Delete Pod on a pod row', async () => {
    const t = clusterApi().cluster;
    type R = { messages: string[] } | undefined;
    const node = () => t.find('node/worker-3')!;
    await vscode.commands.executeCommand('drydock.cordonNode', node());
    assert.match(String(t.getTreeItem(node()).description), /^Ready,SchedulingDisabled · /);
    assert.equal(t.getTreeItem(node()).contextValue, 'drydock.node ready cordoned');
    await vscode.commands.executeCommand('drydock.uncordonNode', node());
    assert.equal(t.getTreeItem(node()).contextValue, 'drydock.node ready schedulable');
    const web = () => t.find('deploy/shop/web')!;
    const paused = await vscode.commands.executeCommand<R>('drydock.pauseRollout', web());
    assert.deepEqual(paused?.messages, ['deployment.apps/web paused']);
    assert.equal(t.getTreeItem(web()).contextValue, 'drydock.deployment manifest paused');
    assert.match(String(t.getTreeItem(web()).description), / · rollout paused$/);
    await vscode.commands.executeCommand('drydock.resumeRollout', web());
    assert.equal(t.getTreeItem(web()).contextValue, 'drydock.deployment manifest active');
    const pods = () => t.getChildren(t.getChildren(web()).find((rs) => rs.expanded)!).map((p) => p.label);
    const before = pods();
    const deleted = await vscode.commands.executeCommand<R>('drydock.deletePod', t.find(`pod/shop/${before[0]}`));
    assert.deepEqual(deleted?.messages, [`pod "${before[0]}" deleted`]);
    // The ReplicaSet replaces it: three pods again, the deleted one gone.
    assert.equal(pods().length, 3);
    assert.ok(!pods().includes(before[0]), pods().join(', '));
  }],
  ['Reveal Manifest on a pod row opens its Deployment at the kind line', async () => {
    const t = clusterApi().cluster;
    const pod = t.getChildren(t.getChildren(t.find('deploy/shop/web')!).find((rs) => rs.expanded)!)[0];
    assert.equal(await vscode.commands.executeCommand('drydock.revealManifest', pod), true);
    const editor = await waitFor('web.yaml in the editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join('k8s', 'web.yaml')) ? vscode.window.activeTextEditor : undefined));
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^kind:\s*Deployment/);
  }],
  ['Resume the clock steps the cluster every second; Pause stops it', async () => {
    const api = clusterApi();
    const t0 = api.cluster.view!.time;
    await vscode.commands.executeCommand('drydock.resumeClock');
    assert.equal(api.clock.running, true);
    await waitFor('three ticks of the clock', () => api.clock.ticks >= 3 && api.cluster.view!.time >= t0 + 3, 15000);
    await vscode.commands.executeCommand('drydock.pauseClock');
    assert.equal(api.clock.running, false);
  }],
  ['Run Scenario with a scenario file returns its expectations, all met', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const r = await vscode.commands.executeCommand<{ expectations: Array<{ ok: boolean; step: number }> }>('drydock.runScenario', vscode.Uri.file(path.join(folder.uri.fsPath, 'shop', 'scenarios', 'rollout.yaml')));
    assert.ok(r && r.expectations.length >= 4, JSON.stringify(r?.expectations));
    assert.ok(r.expectations.every((x) => x.ok), JSON.stringify(r.expectations));
    assert.match(String(clusterApi().cluster.getTreeItem(clusterApi().cluster.find('deploy/shop/web')!).description), /^Deployment · 3\/3 ready/);
  }],
  ['the Layers view follows the image under the cursor in a manifest to the Dockerfile that builds it', async () => {
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { layers: { dockerfileUri: string | undefined; lastPlan: { stages: unknown[] } | null } };
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // Start from another Dockerfile, so following is visible.
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'shop', 'api', 'Dockerfile')));
    await vscode.commands.executeCommand('drydock.showLayers');
    await waitFor('the plan of api/Dockerfile', () => api.layers.dockerfileUri?.endsWith('/shop/api/Dockerfile') || undefined);
    const manifest = await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'shop', 'k8s', 'web.yaml')));
    const line = manifest.document.getText().split('\n').findIndex((l) => /^\s*image: shop\/web/.test(l));
    assert.ok(line >= 0);
    manifest.selection = new vscode.Selection(line, 12, line, 12);
    await waitFor('the Layers view showing web/Dockerfile', () => (api.layers.dockerfileUri?.endsWith('/shop/web/Dockerfile') && api.layers.lastPlan ? true : undefined));
    assert.ok((api.layers.lastPlan?.stages.length ?? 0) >= 1);
  }],
];

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}: ${(e as Error).stack ?? e}`);
    }
  }
  console.log(`extension-host suite: ${checks.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} extension-host check(s) failed`);
}
