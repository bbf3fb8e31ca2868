import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LayerPlanRequest, type LayerPlan, type LayerPlanParams } from '../../../server/src/protocol';
import { renderLayersHtml } from './html';

/** The Layers webview view: the layer plan of the active Dockerfile, asked of the server. */
export class LayersViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'drydock.layers';
  private view: vscode.WebviewView | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The last plan shown, for tests and for re-rendering when the view comes back. */
  lastPlan: LayerPlan | null = null;
  private lastUri: string | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    view.webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg));
    view.onDidChangeVisibility(() => {
      if (view.visible) void this.refresh();
    });
    this.render();
    void this.refresh();
  }

  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 300);
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'dockerfile') {
      this.lastUri = editor.document.uri.toString();
      try {
        await this.client.start().catch(() => undefined);
        const params: LayerPlanParams = { uri: this.lastUri };
        this.lastPlan = await this.client.sendRequest<LayerPlan | null>(LayerPlanRequest, params);
      } catch {
        this.lastPlan = null;
      }
    }
    this.render();
  }

  private render(): void {
    if (!this.view) return;
    this.view.webview.html = renderLayersHtml(this.view.webview.cspSource, this.lastPlan, nonce());
  }

  private onMessage(msg: unknown): void {
    // Messages from the webview are untrusted: accept only the shape we expect.
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { type?: unknown; line?: unknown };
    if (m.type === 'reveal' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0 && this.lastUri) {
      const uri = vscode.Uri.parse(this.lastUri);
      const pos = new vscode.Position(m.line, 0);
      void vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
    }
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}
