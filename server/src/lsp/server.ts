import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CancellationTokenSource,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { classifyPath, kindFromLanguageId, type FileKind } from '../workspace/classify';
import { fixActions, toDiagnostic, uriToPath } from './convert';
import { applyOverrides, sanitizeOverrides } from '../workspace/overrides';
import { DEFAULT_SETTINGS, type DrydockSettings, type LanguageFeatures, type ServerContext } from './context';
import { dockerfileFeatures } from './dockerfile';
import { manifestFeatures } from './manifests';
import { dockerignoreFeatures } from './dockerignore';
import { clusterFeatures } from './cluster';
import { SKIP_ANALYSIS } from './host';

const FEATURES: Record<FileKind, LanguageFeatures> = {
  dockerfile: dockerfileFeatures,
  yaml: manifestFeatures,
  dockerignore: dockerignoreFeatures,
};

interface PendingRun {
  timer: NodeJS.Timeout | null;
  cancel: CancellationTokenSource | null;
}

/** What the host (lsp/host.ts) learns from a server running in its worker. */
export interface ServerHooks {
  /** Called when an analysis of a document version starts (`busy`) and ends (`idle`). */
  activity?(m: { type: 'busy'; uri: string; version: number } | { type: 'idle'; uri: string }): void;
}

/** Starts the language server on whatever transport the command line names (--stdio, --node-ipc, --socket), or on `connection`. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all), hooks: ServerHooks = {}): void {
  const documents = new TextDocuments(TextDocument);
  let settings: DrydockSettings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let hasConfiguration = false;
  let codeLensRefresh = false;
  const pending = new Map<string, PendingRun>();

  const log: ServerContext['log'] = (level, message) => {
    const line = `[${level}] ${message}`;
    if (level === 'error') connection.console.error(line);
    else if (level === 'warn') connection.console.warn(line);
    else if (level === 'info') connection.console.info(line);
    else connection.console.log(line);
  };

  const kindOf = (doc: TextDocument): FileKind | null => {
    const p = uriToPath(doc.uri);
    return (p ? classifyPath(p) : null) ?? kindFromLanguageId(doc.languageId) ?? classifyPath(doc.uri);
  };

  const ctx: ServerContext = {
    connection,
    documents,
    settings: () => settings,
    workspaceFolders: () => folders,
    kindOf,
    log,
    refreshDiagnostics: (uri) => {
      if (uri) schedule(uri);
      else for (const d of documents.all()) schedule(d.uri);
    },
    refreshCodeLens: () => {
      if (codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  };

  function schedule(uri: string, delay = settings.diagnostics.debounceMs): void {
    const run = pending.get(uri) ?? { timer: null, cancel: null };
    if (run.timer) clearTimeout(run.timer);
    run.cancel?.cancel();
    run.cancel = null;
    run.timer = setTimeout(() => void diagnose(uri), delay);
    pending.set(uri, run);
  }

  async function diagnose(uri: string): Promise<void> {
    const run = pending.get(uri);
    if (run) run.timer = null;
    const doc = documents.get(uri);
    if (!doc) return;
    const kind = kindOf(doc);
    if (!kind) return;
    const features = FEATURES[kind];
    if (!features.diagnose) return;
    const source = new CancellationTokenSource();
    if (run) run.cancel = source;
    const version = doc.version;
    const skip = skipped.get(uri);
    if (skip && skip.version === version) {
      // The host stopped an analysis of this very text: say so once instead of trying again.
      await connection.sendDiagnostics({ uri, version, diagnostics: [toDiagnostic({ rule: 'drydock/analysis-timeout', severity: 'warning', message: skip.reason, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, uri)] });
      return;
    }
    hooks.activity?.({ type: 'busy', uri, version });
    try {
      const findings = await features.diagnose(doc, ctx, source.token);
      const current = documents.get(uri);
      if (source.token.isCancellationRequested || !current || current.version !== version) return;
      const diagnostics = applyOverrides(findings, settings.rules).map((f) => toDiagnostic(f, uri, features.ruleDocs?.(f.rule)));
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      log('error', `diagnostics for ${uri} failed: ${(e as Error).stack ?? e}`);
    } finally {
      hooks.activity?.({ type: 'idle', uri });
      if (run?.cancel === source) run.cancel = null;
      source.dispose();
    }
  }

  /** Document versions whose analysis the host stopped (it ran past the time bound): not analysed again. */
  const skipped = new Map<string, { version: number; reason: string }>();
  connection.onNotification(SKIP_ANALYSIS, (p: { uri: string; version: number; reason: string }) => {
    if (p && typeof p.uri === 'string' && typeof p.version === 'number') skipped.set(p.uri, { version: p.version, reason: String(p.reason) });
  });

  /** Runs a feature handler; a failure is logged and answered with `fallback` so the editor keeps working. */
  function guarded<P extends { textDocument: { uri: string } }, R>(
    name: keyof LanguageFeatures,
    fallback: R,
    call: (f: LanguageFeatures, doc: TextDocument, params: P) => R | undefined,
  ) {
    return (params: P): R => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return fallback;
      const kind = kindOf(doc);
      if (!kind || !FEATURES[kind][name]) return fallback;
      if (skipped.get(doc.uri)?.version === doc.version) return fallback;
      hooks.activity?.({ type: 'busy', uri: doc.uri, version: doc.version });
      try {
        return call(FEATURES[kind], doc, params) ?? fallback;
      } catch (e) {
        log('error', `${String(name)} failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
        return fallback;
      } finally {
        hooks.activity?.({ type: 'idle', uri: doc.uri });
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (folders.length === 0 && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) folders = [p];
    }
    const init = params.initializationOptions as Partial<DrydockSettings> | undefined;
    if (init) settings = mergeSettings(settings, init);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', '$', '{', '=', ':', ' ', '/'], resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'drydock', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    void pullSettings();
    for (const f of Object.values(FEATURES)) f.register?.(ctx);
    clusterFeatures.register?.(ctx);
  });

  async function pullSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const got = (await connection.workspace.getConfiguration('drydock')) as Partial<DrydockSettings> | null;
      if (got) settings = mergeSettings(DEFAULT_SETTINGS, got);
      ctx.refreshDiagnostics();
    } catch (e) {
      log('warn', `could not read settings: ${(e as Error).message}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    if (hasConfiguration) void pullSettings();
    else if (change.settings?.drydock) {
      settings = mergeSettings(DEFAULT_SETTINGS, change.settings.drydock);
      ctx.refreshDiagnostics();
    }
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    schedule(e.document.uri);
    const kind = kindOf(e.document);
    if (kind) {
      try {
        FEATURES[kind].changed?.(e.document, ctx);
      } catch (err) {
        log('error', `change hook failed for ${e.document.uri}: ${(err as Error).message}`);
      }
    }
  });
  documents.onDidClose((e) => {
    const run = pending.get(e.document.uri);
    if (run?.timer) clearTimeout(run.timer);
    run?.cancel?.cancel();
    pending.delete(e.document.uri);
    const kind = kindOf(e.document);
    if (kind) FEATURES[kind].closed?.(e.document, ctx);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(guarded('hover', null, (f, doc, p) => f.hover?.(doc, p, ctx)));
  connection.onCompletion(guarded('completion', [], (f, doc, p) => f.completion?.(doc, p, ctx)));
  connection.onDocumentSymbol(guarded('documentSymbol', [], (f, doc) => f.documentSymbol?.(doc, ctx)));
  connection.onDefinition(guarded('definition', null, (f, doc, p) => f.definition?.(doc, p, ctx)));
  connection.onReferences(guarded('references', null, (f, doc, p) => f.references?.(doc, p, ctx)));
  connection.onDocumentHighlight(guarded('documentHighlight', null, (f, doc, p) => f.documentHighlight?.(doc, p, ctx)));
  connection.onPrepareRename(guarded('prepareRename', null, (f, doc, p) => f.prepareRename?.(doc, p, ctx)));
  connection.onRenameRequest(guarded('rename', null, (f, doc, p) => f.rename?.(doc, p, ctx)));
  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    try {
      const kind = kindOf(doc);
      const own = kind ? FEATURES[kind].codeAction?.(doc, params, ctx) ?? [] : [];
      return [...fixActions(doc.uri, params.context.diagnostics), ...own];
    } catch (e) {
      log('error', `codeAction failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
      return [];
    }
  });
  connection.languages.inlayHint.on(guarded('inlayHint', [], (f, doc, p) => f.inlayHint?.(doc, p, ctx)));
  connection.onCodeLens(guarded('codeLens', [], (f, doc, p) => f.codeLens?.(doc, p, ctx)));
  connection.onFoldingRanges(guarded('foldingRange', [], (f, doc) => f.foldingRange?.(doc, ctx)));
  connection.onDocumentFormatting(guarded('formatting', [], (f, doc, p) => f.formatting?.(doc, p, ctx)));

  documents.listen(connection);
  connection.listen();
}

function mergeSettings(base: DrydockSettings, over: Partial<DrydockSettings>): DrydockSettings {
  return {
    diagnostics: { debounceMs: clampNumber(over.diagnostics?.debounceMs, base.diagnostics.debounceMs, 0, 5000) },
    maxFileSize: clampNumber(over.maxFileSize, base.maxFileSize, 1024, Number.MAX_SAFE_INTEGER),
    buildArgs: isStringRecord(over.buildArgs) ? over.buildArgs : base.buildArgs,
    clusterProfile: typeof over.clusterProfile === 'string' ? over.clusterProfile : base.clusterProfile,
    rules: over.rules !== undefined ? sanitizeOverrides(over.rules) : base.rules,
    images: isStringRecord(over.images) ? over.images : base.images,
    scheduler: { scoring: over.scheduler?.scoring === 'MostAllocated' || over.scheduler?.scoring === 'LeastAllocated' ? over.scheduler.scoring : base.scheduler.scoring },
  };
}

function clampNumber(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
}
