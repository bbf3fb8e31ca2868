/** A minimal LSP client for benchmarks: spawns any server command over stdio and times diagnostics. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
  type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface BenchClient {
  open(uri: string, languageId: string, text: string): Promise<number>;
  /** Replaces the text and returns milliseconds until the next diagnostics for the uri. */
  edit(uri: string, text: string): Promise<number>;
  close(): Promise<void>;
  rssKb(): number;
  /** Any request, answered by the server. */
  request?<R>(method: string, params: unknown): Promise<R>;
  /** The messages of the last diagnostics published for a uri. */
  lastDiagnostics?(uri: string): string[];
}

export async function startClient(command: string, args: string[], rootUri: string, initializationOptions?: unknown, settings?: unknown): Promise<BenchClient> {
  const child: ChildProcessWithoutNullStreams = spawn(command, args, { stdio: 'pipe' });
  child.stderr.on('data', () => undefined);
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();
  const counts = new Map<string, string[]>();
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    counts.set(p.uri, p.diagnostics.map((d) => (typeof d.message === "string" ? d.message : d.message.value)));
    const w = waiting.get(p.uri);
    if (w) {
      waiting.delete(p.uri);
      w(p);
    }
  });
  // Sections of the given settings by name (yaml-language-server pulls `yaml` even when told by push).
  conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
    p.items.map((i) => (settings && i.section ? ((settings as Record<string, unknown>)[i.section] ?? null) : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: false } },
    initializationOptions,
  });
  await conn.sendNotification(InitializedNotification.type, {});
  // Servers configured by push (yaml-language-server) get their settings the way VS Code sends them.
  if (settings !== undefined) await conn.sendNotification('workspace/didChangeConfiguration', { settings });
  const versions = new Map<string, number>();
  const next = (uri: string) => new Promise<PublishDiagnosticsParams>((resolve, reject) => {
    const t = setTimeout(() => { waiting.delete(uri); reject(new Error(`no diagnostics from ${command} within 20 s`)); }, 20000);
    waiting.set(uri, (p) => { clearTimeout(t); resolve(p); });
  });
  return {
    async open(uri, languageId, text) {
      versions.set(uri, 1);
      const t0 = performance.now();
      const wait = next(uri);
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      await wait;
      return performance.now() - t0;
    },
    async edit(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      const t0 = performance.now();
      const wait = next(uri);
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
      await wait;
      return performance.now() - t0;
    },
    async close() {
      try {
        await Promise.race([conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification(ExitNotification.type);
      } catch { /* already gone */ }
      setTimeout(() => child.kill('SIGKILL'), 500).unref();
      conn.dispose();
    },
    lastDiagnostics: (uri: string) => counts.get(uri) ?? [],
    request: <R>(method: string, params: unknown) => conn.sendRequest(method, params) as Promise<R>,
    rssKb() {
      try {
        const status = require('node:fs').readFileSync(`/proc/${child.pid}/status`, 'utf8') as string;
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      } catch {
        return 0;
      }
    },
  };
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}
