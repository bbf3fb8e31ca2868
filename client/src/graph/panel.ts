import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ResourceGraphRequest, type ResourceGraphParams, type ResourceGraphResult } from '../../../server/src/protocol';
import { renderWebviewShell } from '../layers/html';
import { filterNamespace, layoutGraph, namespacesOf, reuseLayout, type DrawnGraph } from './layout';

/**
 * The Resource Graph panel: asks the server for the workspace's resource graph, lays it out here
 * (elkjs) and posts the positioned graph to the webview, which draws SVG. Clicking a node reveals its
 * manifest; a namespace filter narrows it; edits and saves of manifests redraw it (debounced).
 */
export class ResourceGraphPanel {
  static readonly viewType = 'drydock.resourceGraph';
  static readonly LARGE = 300;
  private panel: vscode.WebviewPanel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The namespace shown, or null for all. */
  namespace: string | null = null;
  /** The last graph posted to the webview (for tests and re-sending when the page reloads). */
  lastGraph: DrawnGraph | null = null;
  lastError: string | null = null;
  private readonly rendered = new vscode.EventEmitter<DrawnGraph | null>();
  /** Fires each time a graph (or null) is posted to the panel. */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {}

  get visible(): boolean {
    return !!this.panel;
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(ResourceGraphPanel.viewType, 'Resource Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true,
        localResourceRoots: [this.media],
        retainContextWhenHidden: false,
      });
      this.adopt(panel);
    }
    await this.refresh();
  }

  /** Takes over a panel VS Code restored after a reload (the page's state comes back by getState). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The saved state is the page's own (untrusted like its messages): take only a namespace name from it.
    const ns = (state as { graph?: { namespace?: unknown } } | undefined)?.graph?.namespace;
    this.namespace = typeof ns === 'string' && ns.length <= 253 ? ns : null;
    this.panel?.dispose();
    this.adopt(panel);
    await this.refresh();
  }

  private get media(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'media');
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const media = this.media;
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = vscode.Uri.joinPath(media, 'drydock.svg');
    panel.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      if (this.timer) clearTimeout(this.timer);
    });
    panel.webview.html = renderWebviewShell({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css')).toString(),
      nonce: randomBytes(18).toString('base64url'),
      title: 'Resource Graph',
      body: '<header id="toolbar"></header><main id="root" aria-label="Resource graph"></main>',
    });
    this.panel = panel;
  }

  /**
   * Redraws after manifests change, at most every 400 ms, and only while the panel is open. A graph of
   * more than LARGE nodes follows saves only, not every keystroke (its layout takes seconds).
   */
  scheduleRefresh(reason: 'edit' | 'save' = 'save'): void {
    if (!this.panel) return;
    if (reason === 'edit' && (this.lastGraph?.nodes.length ?? 0) > ResourceGraphPanel.LARGE) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 400);
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const generation = ++this.generation;
    try {
      const params: ResourceGraphParams = {};
      const whole = await this.client.sendRequest<ResourceGraphResult>(ResourceGraphRequest, params);
      const namespaces = namespacesOf(whole);
      if (this.namespace !== null && !namespaces.includes(this.namespace)) this.namespace = null;
      const shown = filterNamespace(whole, this.namespace);
      for (const n of shown.nodes) if (n.kind === 'Dockerfile' && n.uri) n.name = vscode.workspace.asRelativePath(vscode.Uri.parse(n.uri));
      const started = Date.now();
      const reused = reuseLayout(this.lastGraph, shown, namespaces, this.namespace);
      const drawn = reused ?? (await layoutGraph(shown, namespaces, this.namespace));
      if (generation !== this.generation) return; // a newer refresh is on its way
      if (!reused) this.log.debug(`Resource graph: ${drawn.nodes.length} nodes, ${drawn.edges.length} edges${this.namespace === null ? '' : ` in namespace ${this.namespace}`}, laid out in ${Date.now() - started} ms`);
      this.lastGraph = drawn;
      this.lastError = null;
    } catch (e) {
      if (generation !== this.generation) return;
      this.lastError = (e as Error).message;
      this.log.error(`Resource graph: ${this.lastError}`);
    }
    await this.post();
  }

  private async post(): Promise<void> {
    if (!this.panel) return;
    await this.panel.webview.postMessage({ type: 'graph', graph: this.lastGraph, message: this.lastError ? `The resource graph could not be drawn: ${this.lastError}` : undefined });
    this.rendered.fire(this.lastGraph);
  }

  /** Reveals a node's manifest (by id, looked up in the graph we sent: the webview never names a file). */
  async reveal(id: string): Promise<boolean> {
    const node = this.lastGraph?.nodes.find((n) => n.id === id);
    if (!node?.uri) return false;
    const uri = vscode.Uri.parse(node.uri);
    const r = node.range;
    const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
    // Beside the graph, not over it: the first column unless the graph itself is there.
    const viewColumn = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(uri, { viewColumn, selection, preserveFocus: false });
    return true;
  }

  private onMessage(msg: unknown): void {
    // Messages from the webview are untrusted: accept only the shapes we expect.
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { type?: unknown; id?: unknown; namespace?: unknown };
    if (m.type === 'ready') {
      void this.post();
    } else if (m.type === 'reveal' && typeof m.id === 'string' && m.id.length <= 2048) {
      void this.reveal(m.id);
    } else if (m.type === 'namespace' && (m.namespace === null || (typeof m.namespace === 'string' && this.lastGraph?.namespaces.includes(m.namespace)))) {
      this.namespace = m.namespace as string | null;
      void this.refresh();
    }
  }
}
