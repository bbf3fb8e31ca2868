import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type * as lsp from 'vscode-languageserver/node';
import type { Finding } from '../common/types';
import type { FileKind } from '../workspace/classify';

export interface DrydockSettings {
  diagnostics: { debounceMs: number };
  maxFileSize: number;
  buildArgs: Record<string, string>;
  clusterProfile: string;
  /** Rule id → 'off' or a severity (setting drydock.rules). */
  rules: Record<string, 'off' | 'error' | 'warning' | 'info' | 'hint'>;
  /** Image name (with or without tag) → Dockerfile path, relative to the workspace folder (setting drydock.images). */
  images: Record<string, string>;
  /** The simulated scheduler's NodeResourcesFit scoring when the cluster profile does not choose one (setting drydock.scheduler.scoring). */
  scheduler: { scoring: 'LeastAllocated' | 'MostAllocated' };
}

export const DEFAULT_SETTINGS: DrydockSettings = {
  diagnostics: { debounceMs: 150 },
  maxFileSize: 20 * 1024 * 1024,
  buildArgs: {},
  clusterProfile: '.drydock/cluster.yaml',
  rules: {},
  images: {},
  scheduler: { scoring: 'LeastAllocated' },
};

/** What a feature module sees of the server. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings(): DrydockSettings;
  /** Absolute paths of the workspace folders. */
  workspaceFolders(): string[];
  kindOf(doc: TextDocument): FileKind | null;
  log(level: 'error' | 'warn' | 'info' | 'debug', message: string): void;
  /** Schedules fresh diagnostics for one document (or all open ones). */
  refreshDiagnostics(uri?: string): void;
  /** Asks the editor to request CodeLens again (when the client supports it). */
  refreshCodeLens(): void;
}

/**
 * The language features of one kind of file. The server owns the LSP handlers and dispatches
 * each request to the features of the document's kind; every method is optional.
 */
export interface LanguageFeatures {
  diagnose?(doc: TextDocument, ctx: ServerContext, token: CancellationToken): Finding[] | Promise<Finding[]>;
  /** Docs link for a rule id (the diagnostic's codeDescription). */
  ruleDocs?(ruleId: string): string | undefined;
  hover?(doc: TextDocument, params: lsp.HoverParams, ctx: ServerContext): lsp.Hover | null;
  completion?(doc: TextDocument, params: lsp.CompletionParams, ctx: ServerContext): lsp.CompletionItem[] | lsp.CompletionList | null;
  documentSymbol?(doc: TextDocument, ctx: ServerContext): lsp.DocumentSymbol[];
  definition?(doc: TextDocument, params: lsp.DefinitionParams, ctx: ServerContext): lsp.Location[] | null;
  references?(doc: TextDocument, params: lsp.ReferenceParams, ctx: ServerContext): lsp.Location[] | null;
  documentHighlight?(doc: TextDocument, params: lsp.DocumentHighlightParams, ctx: ServerContext): lsp.DocumentHighlight[] | null;
  prepareRename?(doc: TextDocument, params: lsp.PrepareRenameParams, ctx: ServerContext): lsp.Range | null;
  rename?(doc: TextDocument, params: lsp.RenameParams, ctx: ServerContext): lsp.WorkspaceEdit | null;
  codeAction?(doc: TextDocument, params: lsp.CodeActionParams, ctx: ServerContext): lsp.CodeAction[];
  inlayHint?(doc: TextDocument, params: lsp.InlayHintParams, ctx: ServerContext): lsp.InlayHint[];
  codeLens?(doc: TextDocument, params: lsp.CodeLensParams, ctx: ServerContext): lsp.CodeLens[];
  foldingRange?(doc: TextDocument, ctx: ServerContext): lsp.FoldingRange[];
  formatting?(doc: TextDocument, params: lsp.DocumentFormattingParams, ctx: ServerContext): lsp.TextEdit[];
  /** Registers this area's custom requests and notifications (protocol/<area>.ts). */
  register?(ctx: ServerContext): void;
  /** Called when a document of this kind closes. */
  closed?(doc: TextDocument, ctx: ServerContext): void;
  /** Called when a document of this kind changes (before its own diagnostics run). */
  changed?(doc: TextDocument, ctx: ServerContext): void;
}
