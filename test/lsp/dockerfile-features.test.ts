import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startServer, fileUri } from './harness';

const TEXT = [
  'ARG NODE_VERSION=20', //                       0
  'FROM node:${NODE_VERSION}-alpine AS build', // 1
  'ARG APP_DIR=/app', //                          2
  'WORKDIR $APP_DIR', //                          3
  'COPY package.json ./', //                      4
  'RUN npm ci', //                                5
  'ENV PORT=8080', //                             6
  '', //                                          7
  'from nginx:1.27-alpine as runtime', //         8
  'COPY --from=build /app/dist /usr/share/nginx/html', // 9
  'EXPOSE 8080', //                               10
  '',
].join('\n');

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Hover { contents: { value: string } }
interface Item { label: string }

test('hover, completion, navigation, rename, inlay hints, folding and formatting for Dockerfiles', async () => {
  const s = await startServer();
  const uri = fileUri('/virtual/features/Dockerfile');
  const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });
  try {
    await s.open(uri, 'dockerfile', TEXT);

    const runHover = await s.request<Hover>('textDocument/hover', at(5, 1));
    assert.match(runHover.contents.value, /\*\*RUN\*\*/);
    assert.match(runHover.contents.value, /Layer\*\* of unknown size/);
    const exposeHover = await s.request<Hover>('textDocument/hover', at(10, 2));
    assert.match(exposeHover.contents.value, /No layer/);
    const imageHover = await s.request<Hover>('textDocument/hover', at(8, 7));
    assert.match(imageHover.contents.value, /docker\.io\/library\/nginx:1\.27-alpine/);
    const varHover = await s.request<Hover>('textDocument/hover', at(3, 10));
    assert.match(varHover.contents.value, /APP_DIR=\/app/);

    const instructions = await s.request<Item[]>('textDocument/completion', at(7, 0));
    assert.ok(instructions.some((i) => i.label === 'HEALTHCHECK'));
    const stages = await s.request<Item[]>('textDocument/completion', at(9, 12));
    assert.deepEqual(stages.map((i) => i.label), ['build']);
    await s.change(uri, TEXT.replace('EXPOSE 8080', 'EXPOSE 8080\nCOPY --'));
    const flags = await s.request<Item[]>('textDocument/completion', at(11, 7));
    assert.ok(flags.some((i) => i.label === '--link') && flags.some((i) => i.label === '--from='), JSON.stringify(flags));
    await s.change(uri, TEXT.replace('EXPOSE 8080', 'EXPOSE ${'));
    const vars = await s.request<Item[]>('textDocument/completion', at(10, 9));
    assert.ok(vars.some((i) => i.label === 'PORT') && vars.some((i) => i.label === 'APP_DIR'), JSON.stringify(vars));
    await s.change(uri, TEXT);

    const def = await s.request<Array<{ range: Range }>>('textDocument/definition', at(9, 14));
    assert.deepEqual(def[0].range.start, { line: 1, character: 36 });
    const refs = await s.request<Array<{ range: Range }>>('textDocument/references', { ...at(1, 37), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.range.start.line), [1, 9]);
    const globalRefs = await s.request<Array<{ range: Range }>>('textDocument/references', { ...at(0, 6), context: { includeDeclaration: false } });
    assert.deepEqual(globalRefs.map((r) => r.range.start), [{ line: 1, character: 12 }]);

    const rename = await s.request<{ changes: Record<string, Array<{ range: Range; newText: string }>> }>('textDocument/rename', { ...at(3, 10), newName: 'APP_HOME' });
    assert.deepEqual(rename.changes[uri].map((e) => [e.range.start.line, e.newText]), [[2, 'APP_HOME'], [3, 'APP_HOME']]);

    const hints = await s.request<Array<{ position: { line: number }; label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } } });
    assert.deepEqual(hints.filter((h) => h.position.line === 6 || h.position.line === 10).map((h) => h.label), ['no layer', 'no layer']);
    assert.ok(hints.some((h) => h.position.line === 5 && h.label === 'layer'));

    const folds = await s.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[1, 6], [8, 10]]);

    const edits = await s.request<Array<{ range: Range; newText: string }>>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[8, 0, 'FROM'], [8, 23, 'AS']]);
  } finally {
    await s.shutdown();
  }
});
