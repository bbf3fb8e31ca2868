import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, fileUri, ROOT } from './harness';
import type { LayerPlan } from '../../server/src/protocol';

const WEB = path.join(ROOT, 'examples', 'shop', 'web', 'Dockerfile');

test('drydock/layerPlan answers with the plan of an open Dockerfile and its real build context', async () => {
  const s = await startServer();
  try {
    const uri = fileUri(WEB);
    await s.open(uri, 'dockerfile', fs.readFileSync(WEB, 'utf8'));
    const plan = await s.request<LayerPlan>('drydock/layerPlan', { uri, changed: ['nginx.conf'] });
    assert.equal(plan.uri, uri);
    assert.equal(plan.target, 'runtime');
    const conf = plan.stages[1].steps.find((x) => x.arguments.startsWith('nginx.conf'))!;
    assert.equal(conf.sizeBytes, fs.statSync(path.join(ROOT, 'examples', 'shop', 'web', 'nginx.conf')).size);
    assert.equal(conf.rebuilds, true);
    assert.equal(plan.stages[0].steps.some((x) => x.rebuilds), true, 'COPY . . also reads nginx.conf');
    // An unsaved edit is planned from the editor's text, not the file on disk.
    await s.change(uri, fs.readFileSync(WEB, 'utf8') + 'LABEL edited=yes\n');
    const edited = await s.request<LayerPlan>('drydock/layerPlan', { uri });
    assert.equal(edited.stages[1].steps.at(-1)?.instruction, 'LABEL');
    assert.equal(await s.request('drydock/layerPlan', { uri: fileUri('/virtual/not-open/Dockerfile') }), null);
  } finally {
    await s.shutdown();
  }
});
