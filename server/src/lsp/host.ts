/**
 * The process that speaks to the editor, with the language server in a worker thread.
 *
 * The main thread only moves messages between the editor (stdio or node-ipc) and the worker, so its event loop
 * never waits on an analysis: a `$/cancelRequest` is answered at once, and a request or an analysis that runs
 * past a time bound (a pathological file) does not freeze Drydock — the worker is stopped and started again, the
 * editor's documents and settings are replayed into it, the document that was being analysed gets one finding
 * instead of another attempt at the same text, and the requests that were waiting are answered with an error.
 *
 * It keeps what a restart needs: the initialize parameters, the last configuration, the workspace folders and
 * the text of every open document (changes applied as they pass).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  IPCMessageReader, IPCMessageWriter, StreamMessageReader, type Message, type MessageReader,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** How long the worker may be busy (one analysis or request) before it is stopped; DRYDOCK_ANALYSIS_TIMEOUT_MS overrides. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** Messages on the side channel between host and worker (never mixed with LSP). */
export type HostMessage =
  | { type: 'ping'; at: number }
  | { type: 'pong'; at: number }
  | { type: 'busy'; uri: string; version: number }
  | { type: 'idle'; uri: string }
  | { type: 'poisoned'; uri: string; version: number; reason: string };

/** What the worker posts for each LSP message: the message as JSON text, its id, and whether it is a response. */
export interface WorkerEnvelope {
  json: string;
  id: number | string | null;
  response: boolean;
}

/** The notification the host sends the worker after a restart: do not analyse this document version again. */
export const SKIP_ANALYSIS = 'drydock/host/skipAnalysis';
/** A request the host answers itself: how long its own event loop was ever blocked. */
export const HOST_STATS = 'drydock/host/stats';

interface Req { id: number | string; method: string; params?: unknown }
interface Note { method: string; params?: unknown }

const isRequest = (m: Message): m is Message & Req => 'method' in m && 'id' in m && (m as Req).id !== undefined;
const isNotification = (m: Message): m is Message & Note => 'method' in m && !('id' in m && (m as Req).id !== undefined);

/** Starts the host when the transport is one it can proxy; false means: run the server in this thread. */
export function startHost(workerFile: string): boolean {
  const argv = process.argv.slice(2);
  let reader: MessageReader;
  let out: Output;
  if (argv.includes('--node-ipc') && process.send) {
    reader = new IPCMessageReader(process);
    const writer = new IPCMessageWriter(process);
    out = { message: (m) => void writer.write(m), json: (text) => void writer.write(JSON.parse(text) as Message) };
    process.on('disconnect', () => process.exit(0));
  } else if (argv.includes('--stdio') || !argv.some((a) => a.startsWith('--socket') || a.startsWith('--pipe'))) {
    reader = new StreamMessageReader(process.stdin);
    // One write per message (header and body together), so messages never interleave; JSON text from the
    // worker goes out as it came.
    const frame = (text: string) => process.stdout.write(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`);
    out = { message: (m) => frame(JSON.stringify(m)), json: frame };
    process.stdin.on('end', () => process.exit(0));
  } else {
    return false;
  }
  new Host(workerFile, argv, reader, out).start();
  return true;
}

/** Where the host sends messages to the editor: a message object, or a message already serialised by the worker. */
interface Output {
  message(m: Message): void;
  json(text: string): void;
}

class Host {
  private worker!: Worker;
  private side!: MessagePort;
  private readonly timeoutMs = Number(process.env.DRYDOCK_ANALYSIS_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  private initialize: Req | null = null;
  private initialized: Note | null = null;
  private configuration: Note | null = null;
  private folders: Note[] = [];
  private readonly documents = new Map<string, TextDocument>();
  /** Requests forwarded to the worker and not answered yet. */
  private readonly pending = new Map<number | string, { method: string; at: number }>();
  /** What the worker is analysing now, from its side channel. */
  private busy: { uri: string; version: number } | null = null;
  private lastPong = Date.now();
  private exiting = false;
  private restarts = 0;
  private readonly skipped: Array<{ uri: string; version: number; reason: string }> = [];
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private internalId = 0;

  constructor(private readonly workerFile: string, private readonly argv: string[], private readonly reader: MessageReader, private readonly out: Output) {}

  start(): void {
    this.loop.enable();
    this.spawn();
    this.reader.listen((m) => this.fromEditor(m));
    const timer = setInterval(() => this.watch(), 250);
    timer.unref();
  }

  private spawn(): void {
    const channel = new MessageChannel();
    this.side = channel.port1;
    this.worker = new Worker(this.workerFile, { argv: this.argv, workerData: { drydockWorker: true, side: channel.port2 }, transferList: [channel.port2] });
    this.lastPong = Date.now();
    this.busy = null;
    this.worker.on('message', (m: WorkerEnvelope) => this.fromWorker(m));
    this.worker.on('error', (e) => this.log(`the analysis worker failed: ${e.stack ?? e.message}`));
    this.worker.on('exit', (code) => {
      if (this.exiting) process.exit(code);
    });
    this.side.on('message', (m: HostMessage) => this.fromSide(m));
    this.side.unref();
  }

  private fromEditor(m: Message): void {
    if (isRequest(m)) {
      if (m.method === HOST_STATS) {
        const h = this.loop;
        this.out.message({ jsonrpc: '2.0', id: m.id, result: { eventLoopMaxMs: h.max / 1e6, eventLoopP99Ms: h.percentile(99) / 1e6, restarts: this.restarts } } as Message);
        return;
      }
      if (m.method === 'initialize') this.initialize = m;
      this.pending.set(m.id, { method: m.method, at: Date.now() });
    } else if (isNotification(m)) {
      this.track(m);
      if (m.method === '$/cancelRequest') {
        // Answer the editor now; the worker's later answer, if any, is dropped.
        const id = (m.params as { id: number | string }).id;
        if (this.pending.delete(id)) this.out.message({ jsonrpc: '2.0', id, error: { code: -32800, message: 'Request cancelled' } } as Message);
      }
      if (m.method === 'exit') this.exiting = true;
    }
    this.worker.postMessage(m);
  }

  private fromWorker(m: WorkerEnvelope): void {
    if (m.response) {
      if (typeof m.id === 'string' && m.id.startsWith('drydock-host-')) return; // our replayed initialize
      if (m.id === null || !this.pending.delete(m.id)) return; // cancelled, or answered at a restart
    }
    this.out.json(m.json);
  }

  private fromSide(m: HostMessage): void {
    if (m.type === 'pong') this.lastPong = Date.now();
    else if (m.type === 'busy') this.busy = { uri: m.uri, version: m.version };
    else if (m.type === 'idle') this.busy = null;
  }

  /** Keeps what a restarted worker needs to be told again. */
  private track(n: Note): void {
    const p = n.params as any;
    switch (n.method) {
      case 'initialized':
        this.initialized = n;
        break;
      case 'workspace/didChangeConfiguration':
        this.configuration = n;
        break;
      case 'workspace/didChangeWorkspaceFolders':
        this.folders.push(n);
        break;
      case 'textDocument/didOpen':
        this.documents.set(p.textDocument.uri, TextDocument.create(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text));
        break;
      case 'textDocument/didChange': {
        const d = this.documents.get(p.textDocument.uri);
        if (d) this.documents.set(d.uri, TextDocument.update(d, p.contentChanges, p.textDocument.version ?? d.version + 1));
        break;
      }
      case 'textDocument/didClose':
        this.documents.delete(p.textDocument.uri);
        break;
    }
  }

  /** Every 250 ms: ping the worker; stop it when it has been busy (or silent) for longer than the bound. */
  private watch(): void {
    this.side.postMessage({ type: 'ping', at: Date.now() } satisfies HostMessage);
    const now = Date.now();
    const silent = now - this.lastPong;
    const oldest = [...this.pending.values()].reduce((a, r) => Math.min(a, r.at), Infinity);
    if (silent < this.timeoutMs && now - oldest < this.timeoutMs) return;
    if (silent < this.timeoutMs) {
      // The worker answers pings but a request is stuck: answer it, nothing to restart.
      for (const [id, r] of this.pending) if (now - r.at >= this.timeoutMs) this.fail(id, r.method);
      return;
    }
    void this.restart();
  }

  private fail(id: number | string, method: string): void {
    this.pending.delete(id);
    this.out.message({ jsonrpc: '2.0', id, error: { code: -32803, message: `Drydock stopped ${method} after ${this.timeoutMs / 1000} s` } } as Message);
  }

  private async restart(): Promise<void> {
    const stuck = this.busy;
    this.restarts++;
    const what = stuck ? `the analysis of ${stuck.uri} (version ${stuck.version})` : 'a request';
    this.log(`stopped the analysis worker: ${what} ran for more than ${this.timeoutMs / 1000} s; starting it again`);
    const old = this.worker;
    old.removeAllListeners('exit');
    await old.terminate().catch(() => undefined);
    for (const [id, r] of this.pending) this.fail(id, r.method);
    if (stuck) this.skipped.push({ uri: stuck.uri, version: stuck.version, reason: `analysis stopped after ${this.timeoutMs / 1000} s (the file is too complex to analyse in time); edit it to try again` });
    this.spawn();
    // Replay: the editor's session as the new worker needs it, without answers reaching the editor.
    if (this.initialize) this.worker.postMessage({ ...this.initialize, id: `drydock-host-${++this.internalId}` });
    if (this.initialized) this.worker.postMessage(this.initialized);
    if (this.configuration) this.worker.postMessage(this.configuration);
    for (const f of this.folders) this.worker.postMessage(f);
    for (const s of this.skipped) this.worker.postMessage({ jsonrpc: '2.0', method: SKIP_ANALYSIS, params: s });
    for (const d of this.documents.values()) {
      this.worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: d.uri, languageId: d.languageId, version: d.version, text: d.getText() } } });
    }
  }

  private log(message: string): void {
    this.out.message({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 2, message: `[warn] ${message}` } } as Message);
  }
}
