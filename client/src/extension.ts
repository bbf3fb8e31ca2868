import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LayersViewProvider, pickChangedFile } from './layers/view';
import { ResourceGraphPanel } from './graph/panel';
import { leveledChannel, parseLogLevel } from './log';
import { ClusterTreeProvider } from './cluster/tree';
import { registerClusterCommands, type ClusterClock } from './cluster/commands';

let client: LanguageClient | undefined;

/** What activate() returns: a small API for tests and other extensions. */
export interface DrydockApi {
  client: LanguageClient;
  layers: LayersViewProvider;
  cluster: ClusterTreeProvider;
  graph: ResourceGraphPanel;
  /** The Cluster view's live clock (Pause / Resume the clock). */
  clock: ClusterClock;
}

export async function activate(context: vscode.ExtensionContext): Promise<DrydockApi> {
  const channel = vscode.window.createOutputChannel('Drydock', { log: true });
  let logLevel = parseLogLevel(vscode.workspace.getConfiguration('drydock').get('logLevel'));
  // The extension's messages and the language server's (forwarded through this channel) honour drydock.logLevel.
  const output = leveledChannel(channel, () => logLevel);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockerignore' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // .hadolint.yaml changes re-check open Dockerfiles (the server re-reads the file).
    synchronize: { configurationSection: 'drydock', fileEvents: vscode.workspace.createFileSystemWatcher('**/.hadolint.{yaml,yml}') },
    outputChannel: output,
  };
  client = new LanguageClient('drydock', 'Drydock', serverOptions, clientOptions);

  const layers = new LayersViewProvider(context.extensionUri, client);
  const cluster = new ClusterTreeProvider();
  const clusterCommands = registerClusterCommands(client, cluster, output);
  const graph = new ResourceGraphPanel(context.extensionUri, client, output);
  const isManifest = (doc: vscode.TextDocument) => doc.languageId === 'yaml' && doc.uri.scheme === 'file';
  const manifestWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  context.subscriptions.push(
    channel,
    manifestWatcher,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('drydock.logLevel')) logLevel = parseLogLevel(vscode.workspace.getConfiguration('drydock').get('logLevel'));
    }),
    vscode.commands.registerCommand('drydock.showResourceGraph', () => graph.show()),
    vscode.window.registerWebviewPanelSerializer(ResourceGraphPanel.viewType, { deserializeWebviewPanel: (panel, state: unknown) => graph.restore(panel, state) }),
    vscode.commands.registerCommand('drydock.whichLayersRebuild', () => pickChangedFile(layers)),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isManifest(doc)) graph.scheduleRefresh();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (isManifest(doc)) graph.scheduleRefresh();
      void layers.fileSaved(doc.uri);
    }),
    manifestWatcher.onDidChange(() => graph.scheduleRefresh()),
    manifestWatcher.onDidCreate(() => graph.scheduleRefresh()),
    manifestWatcher.onDidDelete(() => graph.scheduleRefresh()),
    vscode.window.registerWebviewViewProvider(LayersViewProvider.viewId, layers, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.window.createTreeView(ClusterTreeProvider.viewId, { treeDataProvider: cluster, showCollapseAll: true }),
    vscode.commands.registerCommand('drydock.showLayers', async () => {
      await vscode.commands.executeCommand(`${LayersViewProvider.viewId}.focus`);
      await layers.refresh();
    }),
    ...clusterCommands.disposables,
    vscode.window.onDidChangeActiveTextEditor(() => void layers.refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) layers.scheduleRefresh();
      if (isManifest(e.document) && e.contentChanges.length) graph.scheduleRefresh('edit');
    }),
  );
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  void layers.refresh();
  output.debug(`Drydock activated; log level ${logLevel}`);
  return { client, layers, cluster, graph, clock: clusterCommands.clock };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
