/**
 * The language server inside the host's worker thread (see host.ts): LSP over the worker's port, and a side
 * channel that answers the host's pings and says which document is being analysed.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createConnection, ProposedFeatures, PortMessageReader, PortMessageWriter } from 'vscode-languageserver/node';
import type { HostMessage } from './host';
import { startServer } from './server';

export function startWorker(): void {
  const side = (workerData as { side: MessagePort }).side;
  const port = parentPort!;
  side.on('message', (m: HostMessage) => {
    if (m.type === 'ping') side.postMessage({ type: 'pong', at: m.at } satisfies HostMessage);
  });
  const connection = createConnection(ProposedFeatures.all, new PortMessageReader(port), new PortMessageWriter(port));
  startServer(connection, { activity: (m) => side.postMessage(m satisfies HostMessage) });
}
