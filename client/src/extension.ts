import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LayersViewProvider } from './layers/view';
import { ClusterTreeProvider } from './cluster/tree';
import { registerClusterCommands } from './cluster/commands';

let client: LanguageClient | undefined;

/** What activate() returns: a small API for tests and other extensions. */
export interface DrydockApi {
  client: LanguageClient;
  layers: LayersViewProvider;
  cluster: ClusterTreeProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<DrydockApi> {
  const output = vscode.window.createOutputChannel('Drydock', { log: true });
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
    synchronize: { configurationSection: 'drydock' },
    outputChannel: output,
  };
  client = new LanguageClient('drydock', 'Drydock', serverOptions, clientOptions);

  const layers = new LayersViewProvider(context.extensionUri, client);
  const cluster = new ClusterTreeProvider();
  context.subscriptions.push(
    output,
    vscode.window.registerWebviewViewProvider(LayersViewProvider.viewId, layers, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.window.createTreeView(ClusterTreeProvider.viewId, { treeDataProvider: cluster, showCollapseAll: true }),
    vscode.commands.registerCommand('drydock.showLayers', async () => {
      await vscode.commands.executeCommand(`${LayersViewProvider.viewId}.focus`);
      await layers.refresh();
    }),
    ...registerClusterCommands(client, cluster, output),
    vscode.window.onDidChangeActiveTextEditor(() => void layers.refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) layers.scheduleRefresh();
    }),
  );
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  void layers.refresh();
  return { client, layers, cluster };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
