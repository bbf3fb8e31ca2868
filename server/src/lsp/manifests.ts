import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, InlayHintKind, InsertTextFormat, MarkupKind, SymbolKind, type CodeLens, type CompletionItem, type DocumentSymbol, type Hover, type Location } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isSeq } from 'yaml';
import { URI } from 'vscode-uri';
import { LineIndex } from '../common/text';
import { collectCrdSchemas, completeManifest, describeField, namespaceOf, parseManifests, pathAt, podTemplateOf, rangeAt, replicasOf, type GraphEdge, type Resource } from '../manifests/index';
import { ResourceGraphRequest, type ResourceGraphParams, type ResourceGraphResult } from '../protocol/manifests';
import { findFiles, isInside } from '../workspace/files';
import { configFileFindings, isHadolintConfigPath } from '../workspace/hadolintConfig';
import { ruleDocs } from '../workspace/ruleDocs';
import { exportGraph } from '../workspace/graphExport';
import { analyseManifestSet, dockerfileRefs, type ManifestSetResult } from '../workspace/manifests';
import { guardText } from '../workspace/guard';
import { layerPlanForFile } from '../workspace/dockerfiles';
import { formatBytes } from '../common/strings';
import type { LanguageFeatures, ServerContext } from './context';
import { uriToPath } from './convert';
import { defaultHints } from './manifestHints';
import { liveStatus } from './cluster';

/** Workspace YAML and Dockerfiles on disk, re-listed at most every 10 s; open documents win over disk. */
let diskList: { at: number; yaml: string[]; dockerfiles: string[] } | null = null;

function listWorkspace(ctx: ServerContext): { yaml: string[]; dockerfiles: string[] } {
  if (diskList && Date.now() - diskList.at < 10_000) return diskList;
  const yaml: string[] = [];
  const dockerfiles: string[] = [];
  for (const root of ctx.workspaceFolders()) {
    try {
      for (const f of findFiles([root]).slice(0, 5000)) (f.kind === 'yaml' ? yaml : dockerfiles).push(f.path);
    } catch {
      /* unreadable folder */
    }
  }
  diskList = { at: Date.now(), yaml, dockerfiles };
  return diskList;
}

const diskText = new Map<string, { mtimeMs: number; text: string }>();

function readDisk(p: string): string | null {
  try {
    const st = fs.statSync(p);
    if (st.size > 2 * 1024 * 1024) return null;
    const hit = diskText.get(p);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.text;
    const text = fs.readFileSync(p, 'utf8');
    diskText.set(p, { mtimeMs: st.mtimeMs, text });
    return text;
  } catch {
    return null;
  }
}

/** Keyed by the versions of the open YAML documents, so one analysis serves every request until something changes. */
let last: { key: string; result: ManifestSetResult; pathToUri: Map<string, string> } | null = null;

function workspaceAnalysis(ctx: ServerContext): { result: ManifestSetResult; pathToUri: Map<string, string> } {
  const open = ctx.documents.all().filter((d) => ctx.kindOf(d) === 'yaml');
  const key = open.map((d) => `${d.uri}@${d.version}`).sort().join('|') + `#${diskList?.at ?? 0}#${JSON.stringify(ctx.settings().images)}`;
  if (last && last.key === key) return last;
  const files: Array<{ path: string; text: string }> = [];
  const pathToUri = new Map<string, string>();
  const seen = new Set<string>();
  for (const d of open) {
    const p = uriToPath(d.uri) ?? d.uri;
    const text = d.getText();
    if (guardText(text, ctx.settings().maxFileSize)) continue;
    files.push({ path: p, text });
    pathToUri.set(p, d.uri);
    seen.add(p);
  }
  const listed = listWorkspace(ctx);
  for (const p of listed.yaml) {
    if (seen.has(p)) continue;
    const text = readDisk(p);
    if (text === null || !/^\s*kind\s*:/m.test(text)) continue;
    files.push({ path: p, text });
    pathToUri.set(p, URI.file(p).toString());
  }
  // drydock.images: paths relative to the first workspace folder; only Dockerfiles inside the workspace count.
  const root = ctx.workspaceFolders()[0];
  const images: Record<string, string> = {};
  for (const [image, df] of Object.entries(ctx.settings().images)) {
    const abs = root ? path.resolve(root, df) : df;
    if (!root || (abs !== root && isInside(root, abs))) images[image] = abs;
  }
  const dockerfilePaths = [...new Set([...listed.dockerfiles, ...Object.values(images).filter((p) => fs.existsSync(p))])];
  const result = analyseManifestSet(files, dockerfileRefs(dockerfilePaths, images));
  last = { key, result, pathToUri };
  return last;
}

function resourceAt(doc: TextDocument, ctx: ServerContext, line: number): { resource: Resource; analysis: ReturnType<typeof workspaceAnalysis> } | null {
  const analysis = workspaceAnalysis(ctx);
  const p = uriToPath(doc.uri) ?? doc.uri;
  for (const [r, file] of analysis.result.fileOf) {
    if (file === p && r.range.start.line <= line && line <= r.range.end.line) return { resource: r, analysis };
  }
  return null;
}

function locationOf(r: Resource, analysis: ReturnType<typeof workspaceAnalysis>): Location | null {
  const file = analysis.result.fileOf.get(r);
  const uri = file ? analysis.pathToUri.get(file) : undefined;
  return uri ? { uri, range: r.kindRange } : null;
}

function describe(r: Resource): string {
  return `${r.kind} ${r.name ?? '(unnamed)'}${namespaceOf(r) ? ` (${namespaceOf(r)})` : ''}`;
}

/** The edges of `r` whose reference is written at `line`. */
function edgesAtLine(r: Resource, line: number, lines: LineIndex, edges: GraphEdge[]): GraphEdge[] {
  return edges.filter((e) => e.from === r && rangeAt(r, lines, e.path).start.line === line);
}

/** What an `image:` line's hover says about the Dockerfile that builds it: its path and the image's layers and size. */
function imageHover(dockerfile: string, ctx: ServerContext): string {
  const head = `Image built by \`${dockerfile}\``;
  try {
    const uri = URI.file(dockerfile).toString();
    const text = ctx.documents.get(uri)?.getText() ?? readDisk(dockerfile);
    if (text === null || guardText(text, ctx.settings().maxFileSize)) return head;
    const plan = layerPlanForFile(dockerfile, text, { buildArgs: ctx.settings().buildArgs });
    const layers = plan.image.layers.length;
    const unknown = plan.image.unknownLayers ?? 0;
    const size = `${formatBytes(plan.image.knownBytes)}${unknown ? ` known, ${unknown} layer${unknown === 1 ? '' : 's'} of unknown size` : ''}`;
    return `${head}\n\n${layers} layer${layers === 1 ? '' : 's'} on \`${plan.image.base ?? 'scratch'}\` · ${size}${plan.target ? ` · target stage \`${plan.target}\`` : ''}`;
  } catch (e) {
    ctx.log('warn', `layer plan for ${dockerfile} failed: ${(e as Error).message}`);
    return head;
  }
}

export const manifestFeatures: LanguageFeatures = {
  ruleDocs,

  diagnose(doc, ctx) {
    const stop = guardText(doc.getText(), ctx.settings().maxFileSize);
    if (stop) return [stop];
    const p = uriToPath(doc.uri) ?? doc.uri;
    // .hadolint.yaml is hadolint's configuration, not a manifest: its own problems, where they are.
    if (isHadolintConfigPath(p)) return configFileFindings(doc.getText(), p);
    return workspaceAnalysis(ctx).result.findings.get(p) ?? [];
  },

  changed(doc, ctx) {
    // References resolve across files: an edit here can fix or break another open manifest.
    for (const other of ctx.documents.all()) if (other.uri !== doc.uri && ctx.kindOf(other) === 'yaml') ctx.refreshDiagnostics(other.uri);
  },

  hover(doc, params, ctx): Hover | null {
    const hitAt = resourceAt(doc, ctx, params.position.line);
    if (!hitAt) return null;
    const { resource: r, analysis } = hitAt;
    const lines = new LineIndex(doc.getText());
    const edges = analysis.result.graph.edges;
    const lineText = lines.lineText(params.position.line);
    if (/^\s*selector\s*:|^\s*podSelector\s*:/.test(lineText)) {
      const sel = edges.filter((e) => e.from === r && e.relation === 'selects');
      const targets = sel.filter((e) => e.to).map((e) => e.to!);
      const pods = targets.reduce((n, t) => n + (replicasOf(t) ?? 1), 0);
      return { contents: { kind: MarkupKind.Markdown, value: targets.length ? `Selects **${targets.length} workload(s) · ${pods} pod(s)**: ${targets.map((t) => `\`${describe(t)}\``).join(', ')}` : '**Selects nothing**: no workload in this namespace has matching pod labels.' } };
    }
    const here = edgesAtLine(r, params.position.line, lines, edges);
    if (here.length) {
      const parts = here.map((e) => {
        if (e.relation === 'runs') return imageHover(e.target, ctx);
        if (e.relation === 'owns' && e.owned) return `Owns ${e.owned.kind === 'ReplicaSet' ? `a ReplicaSet \`${e.owned.name}\`` : `\`${e.owned.name}\``}: ${e.label}, made by its controller from this template.`;
        if (!e.to) return `**Dangling**: ${e.target} does not exist${e.optional ? ' (optional)' : ''}.`;
        if (e.relation === 'routes' && e.port !== undefined) {
          const port = ((e.to.object as any).spec?.ports ?? []).find((p: any) => (typeof e.port === 'number' ? p.port === e.port : p.name === e.port));
          return port ? `Routes to \`${describe(e.to)}\` port ${port.name ? `${port.name} → ` : ''}${port.port}${port.targetPort !== undefined ? ` (targetPort ${port.targetPort})` : ''}` : `Routes to \`${describe(e.to)}\`, which has no such port.`;
        }
        return `${e.relation} \`${describe(e.to)}\`${e.label ? ` (${e.label})` : ''}`;
      });
      return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') } };
    }
    // Otherwise: the field's documentation from the Kubernetes schema.
    const path = pathAt(r, lines, params.position);
    if (path && path.length) {
      const fieldPath = path.filter((p) => typeof p === 'string' || typeof p === 'number');
      const d = describeField(r.apiVersion, r.kind, fieldPath);
      if (d && (d.description || d.type)) {
        const name = fieldPath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
        const head = `**${name}** \`${d.type}\`${d.required ? ' · required' : ''}`;
        const values = d.enum?.length ? `\n\nAllowed values: ${d.enum.map((v) => `\`${v}\``).join(', ')}` : '';
        return { contents: { kind: MarkupKind.Markdown, value: `${head}\n\n${d.description}${values}` } };
      }
    }
    return null;
  },

  definition(doc, params, ctx) {
    const hitAt = resourceAt(doc, ctx, params.position.line);
    if (!hitAt) return null;
    const lines = new LineIndex(doc.getText());
    const lineText = lines.lineText(params.position.line);
    const edges = hitAt.analysis.result.graph.edges;
    const here = /^\s*(selector|podSelector)\s*:/.test(lineText)
      ? edges.filter((e) => e.from === hitAt.resource && e.relation === 'selects')
      : edgesAtLine(hitAt.resource, params.position.line, lines, edges);
    const out: Location[] = [];
    for (const e of here) {
      if (e.to) {
        const loc = locationOf(e.to, hitAt.analysis);
        if (loc) out.push(loc);
      } else if (e.relation === 'runs') {
        out.push({ uri: URI.file(e.target).toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      }
    }
    return out.length ? out : null;
  },

  references(doc, params, ctx) {
    const hitAt = resourceAt(doc, ctx, params.position.line);
    if (!hitAt) return null;
    const out: Location[] = [];
    for (const e of hitAt.analysis.result.graph.edges) {
      if (e.to !== hitAt.resource) continue;
      const file = hitAt.analysis.result.fileOf.get(e.from);
      const uri = file ? hitAt.analysis.pathToUri.get(file) : undefined;
      const text = file ? (ctx.documents.get(uri ?? '')?.getText() ?? readDisk(file)) : null;
      if (uri && text !== null) out.push({ uri, range: rangeAt(e.from, new LineIndex(text), e.path) });
    }
    if (params.context.includeDeclaration) {
      const self = locationOf(hitAt.resource, hitAt.analysis);
      if (self) out.unshift(self);
    }
    return out;
  },

  codeLens(doc, _params, ctx): CodeLens[] {
    const analysis = workspaceAnalysis(ctx);
    const p = uriToPath(doc.uri) ?? doc.uri;
    const lenses: CodeLens[] = [];
    for (const [r, file] of analysis.result.fileOf) {
      if (file !== p) continue;
      const range = r.kindRange;
      if (r.kind === 'Service' || r.kind === 'PodDisruptionBudget' || r.kind === 'NetworkPolicy') {
        const targets = analysis.result.graph.edges.filter((e) => e.from === r && e.relation === 'selects' && e.to).map((e) => e.to!);
        const pods = targets.reduce((n, t) => n + (replicasOf(t) ?? 1), 0);
        lenses.push({ range, command: { title: targets.length ? `selects ${targets.length} workload${targets.length === 1 ? '' : 's'} · ${pods} pod${pods === 1 ? '' : 's'}` : 'selects nothing', command: '' } });
      }
      // While a simulation runs, the workload's (or Service's) simulated state.
      const state = r.name ? liveStatus(r.kind, namespaceOf(r), r.name) : null;
      if (state) lenses.push({ range, command: { title: `⎈ ${state}`, command: 'drydock.cluster.focus' } });
      if (podTemplateOf(r)) {
        const users = analysis.result.graph.edges.filter((e) => e.to === r);
        if (users.length) lenses.push({ range, command: { title: `used by ${users.map((u) => `${u.from.kind} ${u.from.name}`).join(', ')}`, command: '' } });
        lenses.push({ range, command: { title: '▶ Simulate apply', command: 'drydock.simulateApply', arguments: [doc.uri] } });
      }
    }
    return lenses;
  },

  completion(doc, params, ctx): CompletionItem[] {
    const text = doc.getText();
    if (guardText(text, ctx.settings().maxFileSize)) return [];
    // Only manifests (or YAML that is becoming one): compose files, workflows and Helm values are not ours.
    const others = text.split('\n').filter((_, i) => i !== params.position.line).join('\n');
    if (others.trim() && !/^(apiVersion|kind)\s*:/m.test(others)) return [];
    const resources = workspaceAnalysis(ctx).result.graph.resources;
    const items = completeManifest(text, params.position, { resources, crds: collectCrdSchemas(resources) });
    const KIND: Record<string, CompletionItemKind> = {
      field: CompletionItemKind.Property, value: CompletionItemKind.Value, enum: CompletionItemKind.EnumMember, kind: CompletionItemKind.Class,
      reference: CompletionItemKind.Reference, label: CompletionItemKind.Constant,
    };
    return items.map((c) => ({
      label: c.label,
      kind: KIND[c.kind],
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
      textEdit: { range: c.range, newText: c.insertText },
      insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(c.sortText ? { sortText: c.sortText } : {}),
      ...(c.filterText ? { filterText: c.filterText } : {}),
    }));
  },

  documentSymbol(doc) {
    const text = doc.getText();
    const parse = parseManifests(text);
    const idx = new LineIndex(text);
    return parse.resources.map((r): DocumentSymbol => {
      const children: DocumentSymbol[] = [];
      const t = podTemplateOf(r);
      const root = r.node;
      let containers: unknown = null;
      if (t) {
        let node: unknown = root;
        for (const seg of [...t.specPath, 'containers']) node = isMap(node) ? node.get(seg as string, true) : null;
        containers = node;
      }
      if (isSeq(containers)) {
        for (const c of containers.items) {
          if (!isMap(c) || !c.range) continue;
          const name = c.get('name');
          const range = idx.rangeOf(c.range[0], c.range[1]);
          children.push({ name: typeof name === 'string' ? name : 'container', detail: String(c.get('image') ?? ''), kind: SymbolKind.Object, range, selectionRange: range });
        }
      }
      const body = root.range ? idx.rangeOf(root.range[0], root.range[1]) : r.range;
      return { name: `${r.kind} ${r.name ?? '(unnamed)'}`, detail: r.namespace ? `${r.apiVersion} · ${r.namespace}` : r.apiVersion, kind: SymbolKind.Class, range: body, selectionRange: r.kindRange, children };
    });
  },

  inlayHint(doc, params) {
    const text = doc.getText();
    const parse = parseManifests(text);
    return defaultHints(text, parse.resources)
      .filter((h) => h.position.line >= params.range.start.line && h.position.line <= params.range.end.line)
      .map((h) => ({ position: h.position, label: h.label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: h.tooltip }));
  },

  register(ctx) {
    ctx.connection.onRequest(ResourceGraphRequest, (params: ResourceGraphParams | undefined): ResourceGraphResult => {
      const { result, pathToUri } = workspaceAnalysis(ctx);
      const g = exportGraph(result.graph, (r) => result.fileOf.get(r), params?.namespace);
      // Prefer the editor's URIs for open documents.
      for (const n of g.nodes) {
        if (!n.uri) continue;
        const p = uriToPath(n.uri);
        if (p && pathToUri.has(p)) n.uri = pathToUri.get(p);
      }
      return g;
    });
  },
};
