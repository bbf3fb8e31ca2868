import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LayerPlanRequest, type LayerPlan, type LayerPlanParams } from '../../../server/src/protocol';
import { renderLayersShell } from './html';

/** The Layers webview view: the layer plan of the active Dockerfile, asked of the server. */
export class LayersViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'drydock.layers';
  private view: vscode.WebviewView | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The last plan sent to the view (for tests and re-sending when the view comes back). */
  lastPlan: LayerPlan | null = null;
  private lastUri: string | undefined;
  private readonly rendered = new vscode.EventEmitter<LayerPlan | null>();
  /** Fires each time a plan (or null) is posted to the view. */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg));
    view.onDidChangeVisibility(() => {
      if (view.visible) void this.refresh();
    });
    view.webview.html = renderLayersShell(
      view.webview.cspSource,
      view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'layers.js')).toString(),
      view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'layers.css')).toString(),
      randomBytes(18).toString('base64url'),
    );
  }

  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 250);
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'dockerfile') {
      this.lastUri = editor.document.uri.toString();
      try {
        const params: LayerPlanParams = { uri: this.lastUri };
        this.lastPlan = await this.client.sendRequest<LayerPlan | null>(LayerPlanRequest, params);
      } catch {
        this.lastPlan = null;
      }
    }
    await this.post();
  }

  private async post(): Promise<void> {
    if (!this.view) return;
    await this.view.webview.postMessage({ type: 'plan', plan: this.lastPlan });
    this.rendered.fire(this.lastPlan);
  }

  private onMessage(msg: unknown): void {
    // Messages from the webview are untrusted: accept only the shapes we expect.
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { type?: unknown; line?: unknown };
    if (m.type === 'ready') {
      void this.post();
    } else if (m.type === 'reveal' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0 && m.line < 10_000_000 && this.lastUri) {
      const uri = vscode.Uri.parse(this.lastUri);
      const pos = new vscode.Position(m.line, 0);
      void vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preserveFocus: false });
    }
  }
}
