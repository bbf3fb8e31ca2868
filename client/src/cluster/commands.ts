import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClusterChangedNotification, ResourceGraphRequest, SimulateApplyRequest, SimulateExplainRequest, SimulateOperationRequest, SimulateResetRequest, SimulateRunRequest,
  SimulateScenarioRequest, SimulateStepRequest,
  type ClusterView, type ResourceGraphResult, type SimulateOperationParams, type SimulateResult, type SimulateScenarioResult,
} from '../../../server/src/protocol';
import type { ClusterNode, ClusterTarget, ClusterTreeProvider } from './tree';

/** Files Run Scenario offers: scenarios/*.yaml anywhere in the workspace, and *.scenario.yaml. */
export const SCENARIO_GLOB = '{**/scenarios/*.yaml,**/scenarios/*.yml,**/*.scenario.yaml,**/*.scenario.yml}';

/** The live clock: while running, one virtual second is asked for every real second. */
export class ClusterClock implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;
  /** Steps taken since the clock was last resumed (for tests). */
  ticks = 0;

  constructor(private readonly tick: () => Promise<boolean>) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  resume(): void {
    if (this.timer) return;
    this.ticks = 0;
    this.timer = setInterval(() => {
      if (this.inFlight) return; // a slow step is not stacked up behind
      this.inFlight = true;
      void this.tick()
        .then((ok) => {
          if (ok) this.ticks++;
          else this.pause();
        })
        .finally(() => (this.inFlight = false));
    }, 1000);
    this.changed.fire(true);
  }

  pause(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.changed.fire(false);
  }

  dispose(): void {
    this.pause();
    this.changed.dispose();
  }
}

type Arg = ClusterNode | { data?: ClusterTarget } | undefined;

/** The cluster commands: each asks the server and shows the answer; the tree follows the server's notifications. */
export function registerClusterCommands(client: LanguageClient, tree: ClusterTreeProvider, output: vscode.LogOutputChannel): { disposables: vscode.Disposable[]; clock: ClusterClock } {
  const status = vscode.window.createStatusBarItem('drydock.cluster.summary', vscode.StatusBarAlignment.Left, 50);
  status.command = 'drydock.cluster.focus';
  status.name = 'Drydock cluster';
  const clockItem = vscode.window.createStatusBarItem('drydock.cluster.clock', vscode.StatusBarAlignment.Left, 49);
  clockItem.name = 'Drydock clock';
  const showStatus = (v: ClusterView | null) => {
    if (!v) {
      status.hide();
      clockItem.hide();
      return;
    }
    status.text = `$(server) ${v.summary.ready}/${v.summary.pods} ready${v.summary.pending ? ` · ${v.summary.pending} pending` : ''}`;
    status.tooltip = `Drydock simulated cluster at ${v.time}s: ${v.summary.ready} of ${v.summary.pods} pods ready, ${v.summary.pending} pending. Click to open the Cluster view.`;
    status.show();
    showClock(v);
  };
  const showClock = (v: ClusterView | null = tree.view) => {
    if (!v) return clockItem.hide();
    clockItem.text = clock.running ? `▶ ${v.time}s` : `⏸ ${v.time}s`;
    clockItem.tooltip = clock.running ? 'Drydock: the simulated clock runs (1 s per second). Click to pause.' : 'Drydock: the simulated clock is paused. Click to resume.';
    clockItem.command = clock.running ? 'drydock.pauseClock' : 'drydock.resumeClock';
    clockItem.show();
  };
  const clock = new ClusterClock(async () => {
    try {
      const r = await client.sendRequest<SimulateResult>(SimulateStepRequest, { seconds: 1 });
      tree.update(r.view);
      return true;
    } catch (e) {
      output.error(`Drydock clock: ${(e as Error).message}`);
      return false;
    }
  });
  const log = (title: string, messages: string[]) => {
    for (const m of messages) output.info(`${title}: ${m}`);
  };
  /** A short request: progress in the status bar only, messages to the output channel. */
  const run = async (title: string, method: string, params?: unknown): Promise<SimulateResult | undefined> => {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Drydock: ${title}` }, async () => {
      try {
        const r = await client.sendRequest<SimulateResult>(method, params ?? {});
        tree.update(r.view);
        log(title, r.messages);
        return r;
      } catch (e) {
        void vscode.window.showErrorMessage(`Drydock: ${title} failed: ${(e as Error).message}`);
        return undefined;
      }
    });
  };
  const needCluster = (): ClusterView | undefined => {
    if (!tree.view) void vscode.window.showInformationMessage('Drydock: run Simulate Apply first.');
    return tree.view ?? undefined;
  };
  const pick = async (what: 'node' | 'pod' | 'deployment'): Promise<ClusterTarget | undefined> => {
    const v = needCluster();
    if (!v) return undefined;
    const items = what === 'node'
      ? v.nodes.map((n) => ({ label: n.name, description: `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ', cordoned' : ''}`, value: { kind: 'Node', name: n.name } }))
      : what === 'pod'
        ? v.namespaces.flatMap((ns) => [...ns.deployments.flatMap((d) => d.replicaSets.flatMap((rs) => rs.pods)), ...(ns.workloads ?? []).flatMap((w) => w.pods), ...ns.pods])
          .map((p) => ({ label: p.name, description: `${p.namespace} · ${p.reason ?? p.phase}`, value: { kind: 'Pod', namespace: p.namespace, name: p.name } }))
        : v.namespaces.flatMap((ns) => ns.deployments.map((d) => ({ label: d.name, description: `${ns.name} · ${d.ready}/${d.desired}`, value: { kind: 'Deployment', namespace: ns.name, name: d.name } })));
    const chosen = await vscode.window.showQuickPick(items, { placeHolder: `Choose a ${what}` });
    return chosen?.value;
  };
  const targetOf = async (arg: Arg, what: 'node' | 'pod' | 'deployment'): Promise<ClusterTarget | undefined> => (arg?.data?.name ? arg.data : pick(what));
  const op = (title: string, what: 'node' | 'pod' | 'deployment', build: (t: ClusterTarget) => Promise<SimulateOperationParams | undefined> | SimulateOperationParams | undefined) =>
    async (arg?: Arg) => {
      const target = await targetOf(arg, what);
      if (!target) return undefined;
      const params = await build(target);
      if (!params) return undefined;
      const r = await run(title, SimulateOperationRequest, params);
      if (r) {
        const bad = r.messages.some((m) => m.startsWith('error:'));
        void (bad ? vscode.window.showErrorMessage : vscode.window.showInformationMessage)(`Drydock: ${r.messages.join(' · ')}`);
      }
      return r;
    };

  /** Run Until Stable in bounded slices, so the progress notification can be cancelled between them. */
  const runUntilStable = () => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Drydock: Run Until Stable', cancellable: true }, async (progress, token) => {
    if (!needCluster()) return undefined;
    const slice = 30;
    let last: SimulateResult | undefined;
    try {
      for (let spent = 0; spent < 900; spent += slice) {
        if (token.isCancellationRequested) break;
        last = await client.sendRequest<SimulateResult>(SimulateRunRequest, { maxSeconds: slice }, token);
        tree.update(last.view);
        progress.report({ increment: (slice * 100) / 900, message: `${last.view.time}s · ${last.view.summary.ready}/${last.view.summary.pods} pods ready` });
        if (last.stable) break;
      }
    } catch (e) {
      if (!token.isCancellationRequested) void vscode.window.showErrorMessage(`Drydock: Run Until Stable failed: ${(e as Error).message}`);
    }
    if (!last) return undefined;
    const said = token.isCancellationRequested ? `stopped at ${last.view.time}s` : last.stable ? `stable at ${last.view.time}s` : `still changing at ${last.view.time}s (crash loops or pending work)`;
    output.info(`Run Until Stable: ${said}`);
    void vscode.window.showInformationMessage(`Drydock: ${said}`);
    return last;
  });

  const runScenario = async (target?: vscode.Uri | string) => {
    let uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
    if (!uri) {
      const found = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**', 500);
      if (!found.length) {
        void vscode.window.showInformationMessage('Drydock: no scenario files (scenarios/*.yaml or *.scenario.yaml) in the workspace.');
        return undefined;
      }
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      const items = found
        .map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(path.dirname(u.fsPath)), uri: u }))
        .sort((a, b) => Number(b.uri.toString() === active) - Number(a.uri.toString() === active) || a.description.localeCompare(b.description) || a.label.localeCompare(b.label));
      const chosen = await vscode.window.showQuickPick(items, { placeHolder: 'A scenario to run on a fresh simulated cluster' });
      if (!chosen) return undefined;
      uri = chosen.uri;
    }
    const name = vscode.workspace.asRelativePath(uri);
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Drydock: scenario ${name}`, cancellable: true }, async (_progress, token) => {
      try {
        return await client.sendRequest<SimulateScenarioResult>(SimulateScenarioRequest, { uri: uri!.toString() }, token);
      } catch (e) {
        if (!token.isCancellationRequested) void vscode.window.showErrorMessage(`Drydock: scenario ${name} failed: ${(e as Error).message}`);
        return undefined;
      }
    });
    if (!r) return undefined;
    tree.update(r.view);
    output.info(`Scenario ${name}:`);
    for (const m of r.messages) output.info(`  ${m}`);
    for (const x of r.expectations) (x.ok ? output.info : output.error).call(output, `  ${x.ok ? 'ok' : 'FAILED'} - step ${x.step}: ${x.message}`);
    const failed = r.expectations.filter((x) => !x.ok);
    const summary = `Scenario ${name}: ${r.expectations.length - failed.length}/${r.expectations.length} expectations met`;
    void (failed.length ? vscode.window.showWarningMessage(`Drydock: ${summary}; first failure: ${failed[0].message}`, 'Show Output') : vscode.window.showInformationMessage(`Drydock: ${summary}`, 'Show Output'))
      .then((b) => (b ? output.show(true) : undefined));
    return r;
  };

  /** Opens the manifest of a tree item at its `kind:` line, found through the server's resource graph. */
  const revealManifest = async (arg?: Arg): Promise<boolean> => {
    const m = arg?.data?.manifest;
    if (!m) return false;
    const g = await client.sendRequest<ResourceGraphResult>(ResourceGraphRequest, m.namespace ? { namespace: m.namespace } : {});
    const node = g.nodes.find((n) => n.kind === m.kind && n.name === m.name && (n.namespace ?? undefined) === (m.namespace ?? undefined) && n.uri);
    if (!node?.uri) {
      void vscode.window.showInformationMessage(`Drydock: no manifest in the workspace declares ${m.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}.`);
      return false;
    }
    const r = node.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { selection: r ? new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character) : undefined });
    return true;
  };

  const sendRequest = async (arg?: Arg) => {
    const d = arg?.data;
    const firstHost = tree.view?.namespaces.flatMap((ns) => ns.ingresses.flatMap((i) => i.rules)).find((r) => r.host !== '*')?.host;
    const host = await vscode.window.showInputBox({ prompt: 'Host of the request (matched against the Ingress rules)', value: d?.host ?? firstHost ?? 'shop.example.com' });
    if (host === undefined) return undefined;
    const p = await vscode.window.showInputBox({ prompt: 'Path', value: d?.path ?? '/', validateInput: (v) => (v.startsWith('/') ? undefined : 'a path starts with /') });
    if (p === undefined) return undefined;
    const r = await run('Request', SimulateOperationRequest, { op: 'request', host, path: p });
    if (r) {
      output.info(`Request http://${host}${p}:`);
      for (const hop of r.messages) output.info(`  ${hop}`);
      const ok = r.messages.at(-1) === 'ok';
      void (ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(`Drydock: ${r.messages.join(' → ')}`);
    }
    return r;
  };

  const undoRollout = async (arg?: Arg) => {
    const t = await targetOf(arg, 'deployment');
    if (!t) return undefined;
    const d = tree.view?.namespaces.find((ns) => ns.name === t.namespace)?.deployments.find((x) => x.name === t.name);
    const revisions = (d?.replicaSets ?? []).filter((rs) => rs.revision).sort((a, b) => Number(b.revision) - Number(a.revision));
    if (revisions.length < 2) {
      void vscode.window.showInformationMessage(`Drydock: deployment ${t.name} has no earlier revision to go back to.`);
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(
      revisions.slice(1).map((rs) => ({ label: `revision ${rs.revision}`, description: rs.name, detail: `${rs.ready}/${rs.desired} pods now`, revision: Number(rs.revision) })),
      { placeHolder: `Roll ${t.name} back to (now at revision ${revisions[0].revision})` },
    );
    if (!chosen) return undefined;
    return op('Undo Rollout', 'deployment', () => ({ op: 'rolloutUndo', namespace: t.namespace, name: t.name, revision: chosen.revision }))({ data: t });
  };

  const setClockContext = (running: boolean) => void vscode.commands.executeCommand('setContext', 'drydock.clockRunning', running);
  setClockContext(false);
  return {
    clock,
    disposables: [
      status,
      clockItem,
      clock,
      clock.onDidChange((running) => {
        setClockContext(running);
        showClock();
      }),
      tree.onDidUpdate(showStatus),
      client.onNotification(ClusterChangedNotification, (v: ClusterView) => tree.update(v)),
      vscode.commands.registerCommand('drydock.simulateApply', async (target?: vscode.Uri | string) => {
        const uri = typeof target === 'string' ? target : target?.toString();
        const active = vscode.window.activeTextEditor?.document;
        const uris = uri ? [uri] : active?.languageId === 'yaml' ? [active.uri.toString()] : undefined;
        return run('Simulate Apply', SimulateApplyRequest, { uris });
      }),
      vscode.commands.registerCommand('drydock.simulateApplyWorkspace', () => run('Simulate Apply (workspace)', SimulateApplyRequest, {})),
      vscode.commands.registerCommand('drydock.resetCluster', () => {
        clock.pause();
        return run('Reset Cluster', SimulateResetRequest);
      }),
      vscode.commands.registerCommand('drydock.simulateStep', () => run('Step 10 s', SimulateStepRequest, { seconds: 10 })),
      vscode.commands.registerCommand('drydock.simulateRun', runUntilStable),
      vscode.commands.registerCommand('drydock.runScenario', runScenario),
      vscode.commands.registerCommand('drydock.resumeClock', () => {
        if (needCluster()) clock.resume();
      }),
      vscode.commands.registerCommand('drydock.pauseClock', () => clock.pause()),
      vscode.commands.registerCommand('drydock.revealManifest', revealManifest),
      vscode.commands.registerCommand('drydock.failNode', op('Fail Node', 'node', (t) => ({ op: 'failNode', name: t.name }))),
      vscode.commands.registerCommand('drydock.recoverNode', op('Recover Node', 'node', (t) => ({ op: 'recoverNode', name: t.name }))),
      vscode.commands.registerCommand('drydock.drainNode', op('Drain Node', 'node', (t) => ({ op: 'drain', name: t.name }))),
      vscode.commands.registerCommand('drydock.cordonNode', op('Cordon Node', 'node', (t) => ({ op: 'cordon', name: t.name }))),
      vscode.commands.registerCommand('drydock.uncordonNode', op('Uncordon Node', 'node', (t) => ({ op: 'uncordon', name: t.name }))),
      vscode.commands.registerCommand('drydock.deletePod', op('Delete Pod', 'pod', (t) => ({ op: 'deletePod', namespace: t.namespace, name: t.name }))),
      vscode.commands.registerCommand('drydock.undoRollout', undoRollout),
      vscode.commands.registerCommand('drydock.restartRollout', op('Restart Rollout', 'deployment', (t) => ({ op: 'rolloutRestart', namespace: t.namespace, name: t.name }))),
      vscode.commands.registerCommand('drydock.pauseRollout', op('Pause Rollout', 'deployment', (t) => ({ op: 'pause', namespace: t.namespace, name: t.name }))),
      vscode.commands.registerCommand('drydock.resumeRollout', op('Resume Rollout', 'deployment', (t) => ({ op: 'resume', namespace: t.namespace, name: t.name }))),
      vscode.commands.registerCommand('drydock.scaleDeployment', op('Scale', 'deployment', async (t) => {
        const now = tree.view?.namespaces.find((ns) => ns.name === t.namespace)?.deployments.find((x) => x.name === t.name)?.desired;
        const n = await vscode.window.showInputBox({ prompt: `Replicas for ${t.name}`, value: now === undefined ? undefined : String(now), validateInput: (v) => (/^\d+$/.test(v) && Number(v) <= 1000 ? undefined : 'a whole number up to 1000') });
        return n === undefined ? undefined : { op: 'scale', namespace: t.namespace, name: t.name, replicas: Number(n) };
      })),
      vscode.commands.registerCommand('drydock.sendRequest', sendRequest),
      vscode.commands.registerCommand('drydock.explainScheduling', async (arg?: Arg) => {
        const target = await targetOf(arg, 'pod');
        if (!target) return;
        const r = await client.sendRequest<{ message: string; verdicts: Array<{ node: string; failed?: { plugin: string; reason: string }; total?: number }> }>(SimulateExplainRequest, { namespace: target.namespace, pod: target.name });
        output.info(`Scheduling of ${target.name}: ${r.message}`);
        for (const v of r.verdicts) output.info(`  ${v.node}: ${v.failed ? `rejected by ${v.failed.plugin}: ${v.failed.reason.replace(/\u0000/g, ', ')}` : `score ${v.total}`}`);
        output.show(true);
        void vscode.window.showInformationMessage(`Drydock: ${r.message}`);
      }),
    ],
  };
}
