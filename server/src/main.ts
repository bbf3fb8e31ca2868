import { isMainThread, workerData } from 'node:worker_threads';
import { startHost } from './lsp/host';
import { startServer } from './lsp/server';
import { startWorker } from './lsp/worker';

// dist/server.js: `node dist/server.js --stdio` for any LSP client, `--node-ipc` from VS Code. The main thread
// only speaks to the editor (lsp/host.ts); the language server runs in a worker thread started from this same
// file. DRYDOCK_IN_PROCESS=1 (or a --socket/--pipe transport) runs the server in the main thread instead.
if (!isMainThread && (workerData as { drydockWorker?: boolean } | null)?.drydockWorker) startWorker();
else if (process.env.DRYDOCK_IN_PROCESS === '1' || !startHost(__filename)) startServer();
