import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LayerPlanRequest, type LayerPlan, type LayerPlanParams } from '../../../server/src/protocol';
import { renderLayersShell } from './html';

/** The Layers webview view: the layer plan of the active Dockerfile, asked of the server. */
export class LayersViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'drydock.layers';
  private view: vscode.WebviewView | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The last plan sent to the view (for tests and re-sending when the view comes back). */
  lastPlan: LayerPlan | null = null;
  private lastUri: string | undefined;
  private lastFollow = '';
  /** The build-context file (context-relative) or `arg:NAME` build-arg whose change is traced to the steps it rebuilds, for lastUri. */
  changed: string | null = null;
  private readonly rendered = new vscode.EventEmitter<LayerPlan | null>();
  /** Fires each time a plan (or null) is posted to the view. */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient) {
    // In a manifest, the cursor on an `image:` line shows the layers of the Dockerfile that builds the image.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor.document.languageId === 'yaml') void this.followImage(e.textEditor);
    });
  }

  /**
   * When the cursor is on an `image:` line of a manifest and the server knows the Dockerfile that builds that
   * image (its Go to Definition for the line), the view shows that Dockerfile's plan. Returns whether it did.
   */
  async followImage(editor: vscode.TextEditor): Promise<boolean> {
    const position = editor.selection.active;
    if (!/^\s*(?:-\s+)?image\s*:/.test(editor.document.lineAt(position.line).text)) return false;
    // Moving along the same line of the same text asks nothing again.
    const at = `${editor.document.uri.toString()}@${editor.document.version}:${position.line}`;
    if (at === this.lastFollow) return true;
    this.lastFollow = at;
    let targets: Array<vscode.Location | vscode.LocationLink> | undefined;
    try {
      targets = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, position);
    } catch {
      return false;
    }
    const dockerfile = (targets ?? []).map((t) => ('targetUri' in t ? t.targetUri : t.uri)).find((u) => /(^|\.)dockerfile$|^dockerfile(\.|$)/i.test(path.basename(u.fsPath)));
    if (!dockerfile) return false;
    if (dockerfile.toString() !== this.lastUri) {
      this.lastUri = dockerfile.toString();
      this.changed = null;
    }
    await this.refresh();
    return true;
  }

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

  /** The build context of the plan shown, when it was read from disk. */
  get contextRoot(): string | null {
    return this.lastPlan?.context?.root ?? null;
  }

  /** The Dockerfile shown. */
  get dockerfileUri(): string | undefined {
    return this.lastUri;
  }

  /** Traces a change of one build-context file (context-relative, `/`-separated) or build-arg (`arg:NAME`) to the steps it rebuilds; null clears. */
  async setChanged(relative: string | null): Promise<void> {
    this.changed = relative;
    await this.refresh();
  }

  /** A saved file inside the shown Dockerfile's build context becomes the changed file. */
  async fileSaved(uri: vscode.Uri): Promise<void> {
    const root = this.contextRoot;
    if (!root || uri.scheme !== 'file' || uri.toString() === this.lastUri) return;
    const rel = path.relative(root, uri.fsPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return;
    await this.setChanged(rel.split(path.sep).join('/'));
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'dockerfile') {
      const uri = editor.document.uri.toString();
      if (uri !== this.lastUri) this.changed = null;
      this.lastUri = uri;
    }
    if (this.lastUri) {
      const generation = ++this.generation;
      let plan: LayerPlan | null;
      try {
        const params: LayerPlanParams = { uri: this.lastUri, ...(this.changed ? { changed: [this.changed] } : {}) };
        plan = await this.client.sendRequest<LayerPlan | null>(LayerPlanRequest, params);
      } catch {
        plan = null;
      }
      if (generation !== this.generation) return; // a newer request answers instead
      this.lastPlan = plan;
    }
    await this.post();
  }

  private async post(): Promise<void> {
    if (!this.view) return;
    await this.view.webview.postMessage({ type: 'plan', plan: this.lastPlan, changed: this.changed });
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
    } else if (m.type === 'clearChanged') {
      void this.setChanged(null);
    } else if (m.type === 'pickChanged') {
      void vscode.commands.executeCommand('drydock.whichLayersRebuild');
    }
  }
}

/** "Which Layers Rebuild?": pick a file of the shown Dockerfile's build context; the view marks the steps a change to it rebuilds. */
export async function pickChangedFile(layers: LayersViewProvider): Promise<void> {
  if (!layers.lastPlan) await layers.refresh();
  const root = layers.contextRoot;
  if (!root) {
    void vscode.window.showInformationMessage('Drydock: open a Dockerfile saved in the workspace first; its build context is the folder it is in.');
    return;
  }
  const reads = new Map<string, number>();
  const args = new Map<string, number>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const stage of layers.lastPlan?.stages ?? []) {
    for (const step of stage.steps) {
      for (const i of step.inputs) {
        if (i.startsWith('file:')) count(reads, i.slice(5));
        else if (i.startsWith('arg:')) count(args, i.slice(4).split('=')[0]);
      }
    }
  }
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(root), '**/*'), '{**/node_modules/**,**/.git/**}', 5000);
  const rels = new Set(files.map((f) => path.relative(root, f.fsPath).split(path.sep).join('/')));
  for (const r of reads.keys()) rels.add(r);
  const fileItems = [...rels]
    .filter((r) => r && !r.startsWith('..'))
    .sort((a, b) => Number(reads.has(b)) - Number(reads.has(a)) || a.localeCompare(b))
    .map((r) => ({ label: r, value: r, description: reads.has(r) ? `read by ${steps(reads.get(r)!)}` : 'not read by any step (or ignored by .dockerignore)' }));
  // Build-args the steps expand (`--build-arg NAME=…` changes them): `arg:NAME` in the plan's terms.
  const buildArgs = [...args.keys()].sort().map((a) => ({ label: `$(symbol-variable) ${a}`, value: `arg:${a}`, description: `build-arg, in scope of ${steps(args.get(a)!)}` }));
  const chosen = await vscode.window.showQuickPick([...fileItems, ...buildArgs], { placeHolder: `A file of the build context ${vscode.workspace.asRelativePath(root)} (or a build-arg) that changes`, matchOnDescription: false });
  if (!chosen) return;
  await vscode.commands.executeCommand(`${LayersViewProvider.viewId}.focus`);
  await layers.setChanged(chosen.value);
}
