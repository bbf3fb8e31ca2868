import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterChangedNotification, SimulateApplyRequest, SimulateExplainRequest, SimulateOperationRequest, SimulateResetRequest, SimulateRunRequest, SimulateStepRequest,
  type ClusterView, type SimulateOperationParams, type SimulateResult,
} from '../../../server/src/protocol';
import type { ClusterTreeProvider } from './tree';

/** The cluster commands: each asks the server and shows the answer; the tree follows the server's notifications. */
export function registerClusterCommands(client: LanguageClient, tree: ClusterTreeProvider, output: vscode.LogOutputChannel): vscode.Disposable[] {
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'drydock.cluster.focus';
  status.name = 'Drydock cluster';
  const showStatus = (v: ClusterView | null) => {
    if (!v) return status.hide();
    status.text = `$(server) ${v.summary.ready}/${v.summary.pods} ready${v.summary.pending ? ` · ${v.summary.pending} pending` : ''}`;
    status.tooltip = `Drydock simulated cluster at ${v.time}s`;
    status.show();
  };
  const run = async (title: string, method: string, params?: unknown): Promise<SimulateResult | undefined> => {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Drydock: ${title}`, cancellable: false }, async () => {
      try {
        const r = await client.sendRequest<SimulateResult>(method, params ?? {});
        tree.update(r.view);
        for (const m of r.messages) output.info(m);
        return r;
      } catch (e) {
        void vscode.window.showErrorMessage(`Drydock: ${title} failed: ${(e as Error).message}`);
        return undefined;
      }
    });
  };
  const pick = async (what: 'node' | 'pod' | 'deployment'): Promise<{ namespace?: string; name: string } | undefined> => {
    const v = tree.view;
    if (!v) {
      void vscode.window.showInformationMessage('Drydock: run Simulate Apply first.');
      return undefined;
    }
    const items = what === 'node'
      ? v.nodes.map((n) => ({ label: n.name, description: n.ready ? 'Ready' : 'NotReady', value: { name: n.name } }))
      : what === 'pod'
        ? v.namespaces.flatMap((ns) => [...ns.deployments.flatMap((d) => d.replicaSets.flatMap((rs) => rs.pods)), ...ns.pods]).map((p) => ({ label: p.name, description: `${p.namespace} · ${p.reason ?? p.phase}`, value: { namespace: p.namespace, name: p.name } }))
        : v.namespaces.flatMap((ns) => ns.deployments.map((d) => ({ label: d.name, description: `${ns.name} · ${d.ready}/${d.desired}`, value: { namespace: ns.name, name: d.name } })));
    const chosen = await vscode.window.showQuickPick(items, { placeHolder: `Choose a ${what}` });
    return chosen?.value;
  };
  const op = (title: string, what: 'node' | 'pod' | 'deployment', build: (t: { namespace?: string; name: string }) => Promise<SimulateOperationParams | undefined>) =>
    async (arg?: { data?: { namespace?: string; name?: string } }) => {
      const target = arg?.data?.name ? { namespace: arg.data.namespace, name: arg.data.name } : await pick(what);
      if (!target) return;
      const params = await build(target);
      if (!params) return;
      const r = await run(title, SimulateOperationRequest, params);
      if (r) void vscode.window.showInformationMessage(`Drydock: ${r.messages.join(' · ')}`);
    };
  return [
    status,
    tree.onDidUpdate(showStatus),
    client.onNotification(ClusterChangedNotification, (v: ClusterView) => tree.update(v)),
    vscode.commands.registerCommand('drydock.simulateApply', async (target?: vscode.Uri | string) => {
      const uri = typeof target === 'string' ? target : target?.toString();
      const active = vscode.window.activeTextEditor?.document;
      const uris = uri ? [uri] : active?.languageId === 'yaml' ? [active.uri.toString()] : undefined;
      return run('Simulate Apply', SimulateApplyRequest, { uris });
    }),
    vscode.commands.registerCommand('drydock.simulateApplyWorkspace', () => run('Simulate Apply (workspace)', SimulateApplyRequest, {})),
    vscode.commands.registerCommand('drydock.resetCluster', () => run('Reset Cluster', SimulateResetRequest)),
    vscode.commands.registerCommand('drydock.simulateStep', () => run('Step 10 s', SimulateStepRequest, { seconds: 10 })),
    vscode.commands.registerCommand('drydock.simulateRun', () => run('Run Until Stable', SimulateRunRequest)),
    vscode.commands.registerCommand('drydock.failNode', op('Fail Node', 'node', async (t) => ({ op: 'failNode', name: t.name }))),
    vscode.commands.registerCommand('drydock.recoverNode', op('Recover Node', 'node', async (t) => ({ op: 'recoverNode', name: t.name }))),
    vscode.commands.registerCommand('drydock.drainNode', op('Drain Node', 'node', async (t) => ({ op: 'drain', name: t.name }))),
    vscode.commands.registerCommand('drydock.deletePod', op('Delete Pod', 'pod', async (t) => ({ op: 'deletePod', namespace: t.namespace, name: t.name }))),
    vscode.commands.registerCommand('drydock.undoRollout', op('Undo Rollout', 'deployment', async (t) => ({ op: 'rolloutUndo', namespace: t.namespace, name: t.name }))),
    vscode.commands.registerCommand('drydock.scaleDeployment', op('Scale', 'deployment', async (t) => {
      const n = await vscode.window.showInputBox({ prompt: `Replicas for ${t.name}`, validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'a whole number') });
      return n === undefined ? undefined : { op: 'scale', namespace: t.namespace, name: t.name, replicas: Number(n) };
    })),
    vscode.commands.registerCommand('drydock.sendRequest', async () => {
      const host = await vscode.window.showInputBox({ prompt: 'Host', value: 'shop.example.com' });
      if (host === undefined) return;
      const path = await vscode.window.showInputBox({ prompt: 'Path', value: '/' });
      if (path === undefined) return;
      const r = await run('Request', SimulateOperationRequest, { op: 'request', host, path });
      if (r) void vscode.window.showInformationMessage(`Drydock: ${r.messages.join(' → ')}`);
    }),
    vscode.commands.registerCommand('drydock.explainScheduling', async (arg?: { data?: { namespace?: string; name?: string } }) => {
      const target = arg?.data?.name ? { namespace: arg.data.namespace, name: arg.data.name } : await pick('pod');
      if (!target) return;
      const r = await client.sendRequest<{ message: string; verdicts: Array<{ node: string; failed?: { plugin: string; reason: string }; total?: number }> }>(SimulateExplainRequest, { namespace: target.namespace, pod: target.name });
      output.info(`Scheduling of ${target.name}: ${r.message}`);
      for (const v of r.verdicts) output.info(`  ${v.node}: ${v.failed ? `rejected by ${v.failed.plugin}: ${v.failed.reason.replace(/\u0000/g, ', ')}` : `score ${v.total}`}`);
      output.show(true);
      void vscode.window.showInformationMessage(`Drydock: ${r.message}`);
    }),
  ];
}
