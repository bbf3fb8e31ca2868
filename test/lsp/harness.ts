/**
 * Spawns the bundled language server (dist/server.js --stdio) and talks LSP to it, as any editor
 * would. Build first (`npm run build`); `npm test` does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export function fileUri(p: string): string {
  return pathToFileURL(path.resolve(p)).href;
}

export interface Session {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Opens a document and waits for its first diagnostics. */
  open(uri: string, languageId: string, text: string): Promise<Diagnostic[]>;
  /** Sends changes (full text when a string) and waits for diagnostics of the new version. */
  change(uri: string, changes: string | TextDocumentContentChangeEvent[]): Promise<Diagnostic[]>;
  close(uri: string): Promise<Diagnostic[]>;
  /** Diagnostics published for a uri with at least the given version (or the next publication). */
  nextDiagnostics(uri: string, minVersion?: number, timeoutMs?: number): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  shutdown(): Promise<void>;
}

export interface StartOptions {
  rootPath?: string;
  initializationOptions?: Record<string, unknown>;
  /** Extra client capabilities merged into the defaults. */
  capabilities?: Record<string, unknown>;
  /** Node options for the server process, e.g. ['--require', file]. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

export async function startServer(options: StartOptions = {}): Promise<Session> {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], { stdio: 'pipe', env: options.env ?? process.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const versions = new Map<string, number>();
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<{ uri: string; minVersion: number; resolve: (d: Diagnostic[]) => void }> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (p.version ?? Number.MAX_SAFE_INTEGER) >= w.minVersion) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();

  const rootPath = options.rootPath ?? ROOT;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: fileUri(rootPath),
    workspaceFolders: [{ uri: fileUri(rootPath), name: path.basename(rootPath) }],
    capabilities: {
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        inlayHint: {},
        rename: { prepareSupport: true },
      },
      workspace: { configuration: false, workspaceFolders: true },
      ...(options.capabilities ?? {}),
    },
    initializationOptions: options.initializationOptions ?? { diagnostics: { debounceMs: 0 } },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const nextDiagnostics = (uri: string, minVersion = 0, timeoutMs = 10000) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const waiter = { uri, minVersion, resolve: (d: Diagnostic[]) => { clearTimeout(timer); resolve(d); } };
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`no diagnostics for ${uri} (version ≥ ${minVersion}) within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      waiters.push(waiter);
    });

  return {
    connection,
    process: child,
    stderr: () => stderr,
    async open(uri, languageId, text) {
      versions.set(uri, 1);
      const wait = nextDiagnostics(uri, 1);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      return wait;
    },
    async change(uri, changes) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      const contentChanges = typeof changes === 'string' ? [{ text: changes }] : changes;
      const wait = nextDiagnostics(uri, version);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
      return wait;
    },
    async close(uri) {
      const wait = nextDiagnostics(uri, 0);
      await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      versions.delete(uri);
      return wait;
    },
    nextDiagnostics,
    request: <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>,
    async shutdown() {
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } finally {
        await new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const t = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 3000);
          child.once('exit', () => { clearTimeout(t); resolve(); });
        });
        connection.dispose();
      }
    },
  };
}
