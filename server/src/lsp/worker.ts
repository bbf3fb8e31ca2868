/**
 * The language server inside the host's worker thread (see host.ts): LSP over the worker's port, and a side
 * channel that answers the host's pings and says which document is being analysed.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AbstractMessageWriter, createConnection, ProposedFeatures, PortMessageReader, type Message, type MessageWriter } from 'vscode-languageserver/node';
import type { HostMessage, WorkerEnvelope } from './host';
import { startServer } from './server';

export function startWorker(): void {
  const side = (workerData as { side: MessagePort }).side;
  const port = parentPort!;
  side.on('message', (m: HostMessage) => {
    if (m.type === 'ping') side.postMessage({ type: 'pong', at: m.at } satisfies HostMessage);
  });
  const connection = createConnection(ProposedFeatures.all, new PortMessageReader(port), new EnvelopeWriter(port));
  // A worker's stdout is the process's: with --stdio that is the LSP stream, so nothing may print there.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = (...a: unknown[]) => connection.console.info(a.map(String).join(' '));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  console.debug = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  startServer(connection, { activity: (m) => side.postMessage(m satisfies HostMessage) });
}

/**
 * Sends each message to the host as JSON text with its id: a large answer (thousands of diagnostics) is
 * serialised here, in the worker, and the host writes it out without parsing or copying it object by object.
 */
class EnvelopeWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly port: NonNullable<typeof parentPort>) {
    super();
  }
  write(msg: Message): Promise<void> {
    try {
      const m = msg as { id?: number | string | null; method?: string };
      const envelope: WorkerEnvelope = { json: serialise(msg), id: m.id ?? null, response: m.method === undefined && m.id !== undefined };
      this.port.postMessage(envelope);
      return Promise.resolve();
    } catch (e) {
      this.fireError(e as Error, msg, 1);
      return Promise.reject(e);
    }
  }
  end(): void {}
}

/** JSON text per Diagnostic object: an edit republishes thousands of diagnostics, most of them unchanged objects. */
const diagnosticJson = new WeakMap<object, string>();

/** A message as JSON; a publishDiagnostics message is assembled from its diagnostics' cached JSON texts. */
function serialise(msg: Message): string {
  const m = msg as { method?: string; params?: { uri: string; version?: number; diagnostics: object[] } };
  if (m.method !== 'textDocument/publishDiagnostics' || !m.params || !Array.isArray(m.params.diagnostics)) return JSON.stringify(msg);
  const parts = m.params.diagnostics.map((d) => {
    let json = diagnosticJson.get(d);
    if (json === undefined) diagnosticJson.set(d, (json = JSON.stringify(d)));
    return json;
  });
  const head = JSON.stringify({ jsonrpc: '2.0', method: m.method, params: { uri: m.params.uri, ...(m.params.version !== undefined ? { version: m.params.version } : {}) } });
  // {"jsonrpc":"2.0","method":…,"params":{"uri":…,"version":N}} → add the diagnostics before the last two braces.
  return `${head.slice(0, -2)},"diagnostics":[${parts.join(',')}]}}`;
}
