import { startServer } from './lsp/server';

// dist/server.js: `node dist/server.js --stdio` for any LSP client, `--node-ipc` from VS Code.
startServer();
