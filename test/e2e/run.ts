/**
 * The end-to-end test in a real VS Code: code-server serves the workbench, Debian's Chromium shows
 * it (driven by playwright-core), and Drydock is installed from the packaged .vsix. Then the
 * extension-host suite (suite/index.ts) runs inside VS Code through the workbench URL payload.
 * `npm run e2e` packages first; scripts/setup-e2e.sh installs code-server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { installVsix, makeProfile, startCodeServer, ROOT, type Running } from './codeServer';

const RUN_DIR = path.join(ROOT, 'test', 'e2e', '.run');
const SHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
const EXAMPLES = path.join(ROOT, 'examples');
const VSIX = path.join(ROOT, 'dist', 'drydock.vsix');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
/** A Dockerfile full of HTML and script payloads, written into the opened folder for the run and removed after. */
const HOSTILE_DIR = 'e2e-hostile-tmp';
function writeHostile(): () => void {
  const dir = path.join(EXAMPLES, HOSTILE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const payload = `<img src=x onerror="document.body.dataset.pwned='1'"><script>document.body.dataset.pwned='2'</script>`;
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM alpine:3.20 AS x\nLABEL note="${payload.replace(/"/g, "'")}"\nRUN echo '${payload.replace(/'/g, '"')}'\n`);
  // Manifests whose names, namespace and selector are markup: the Resource Graph must show them as text.
  const q = (n: string) => JSON.stringify(`<img src=x onerror="document.body.dataset.pwned='${n}'">`);
  fs.writeFileSync(path.join(dir, 'hostile.yaml'), [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${JSON.stringify(`<script>document.body.dataset.pwned='4'</script>`)}`, `  namespace: ${q('5')}`,
    `  labels: { note: ${q('6')} }`, 'spec:', '  selector: { matchLabels: { app: hostile } }', '  template:', '    metadata: { labels: { app: hostile } }',
    '    spec: { containers: [{ name: c, image: "alpine:3.20" }] }', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${JSON.stringify('<b onmouseover=alert(1)>svc</b>')}`,
    `  namespace: ${q('5')}`, 'spec:', `  selector: { app: ${q('7')} }`, '  ports: [{ port: 80 }]', '',
  ].join('\n'));
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
const HOSTILE_NAMESPACE = `<img src=x onerror="document.body.dataset.pwned='5'">`;
/** The Layers view (a webview view) and the Resource Graph (a webview panel): VS Code marks a view's frame with purpose=webviewView. */
const WEBVIEW = (page: Page) => page.frameLocator('iframe.webview.ready[src*="purpose=webviewView"]').frameLocator('#active-frame');
const GRAPH = (page: Page) => page.frameLocator('iframe.webview.ready:not([src*="purpose=webviewView"])').frameLocator('#active-frame');
const DOCS = path.join(ROOT, 'docs');

let passed = 0;
let failed = 0;
let shot = 0;

async function step(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${(e as Error).message}`);
  }
  shot++;
  const file = path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60)}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
}

async function runCommand(page: Page, title: string): Promise<void> {
  // The palette closes when focus moves (a webview taking focus after a layout change does that), so
  // a command whose palette closed before it could be chosen is asked for again.
  for (let attempt = 1; ; attempt++) {
    try {
      // A quick input still closing from the previous command would swallow this one.
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 10000 });
      await page.keyboard.press('Enter');
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
}

async function openFile(page: Page, relative: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(relative);
  // Quick Open fills its list as the file search answers: wait for the row of this very file (its
  // folder is the row's description), then open that row, never whatever happened to be first.
  const folder = path.dirname(relative).split('/').pop() ?? '';
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: folder }).filter({ hasText: path.basename(relative) }).first();
  await row.waitFor({ state: 'visible', timeout: 30000 });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(relative) }).waitFor({ timeout: 15000 });
}

function problemRow(page: Page, text: RegExp) {
  return page.locator('.markers-panel .monaco-list-row').filter({ hasText: text });
}

async function uiScenario(browser: Browser, server: Running): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.setDefaultTimeout(30000);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(EXAMPLES)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });

  await step(page, 'a Dockerfile shows Drydock diagnostic in the Problems panel', async () => {
    await openFile(page, 'shop/web/Dockerfile');
    await runCommand(page, 'View: Focus Problems');
    await problemRow(page, /not a valid JSON array/).first().waitFor({ timeout: 45000 });
    const status = await page.locator('[id="status.problems"]').getAttribute('aria-label');
    if (!status || !/Warnings: [1-9]/.test(status)) throw new Error(`status bar says ${status}`);
  });

  await step(page, 'typing an unknown instruction adds an error, undo removes it', async () => {
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nRUNN echo typo');
    await problemRow(page, /Unknown instruction: RUNN/).first().waitFor({ timeout: 30000 });
    const status = await page.locator('[id="status.problems"]').getAttribute('aria-label');
    if (!status || !/Errors: [1-9]/.test(status)) throw new Error(`status bar says ${status}`);
    // Delete what was typed: the line's text, then the line break before it.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await problemRow(page, /Unknown instruction: RUNN/).first().waitFor({ state: 'detached', timeout: 30000 });
  });

  await step(page, 'the Drydock container shows the Layers view with the plan', async () => {
    await openFile(page, 'shop/web/Dockerfile');
    await runCommand(page, 'Drydock: Show Layer Preview');
    const frame = WEBVIEW(page);
    await frame.locator('.step', { hasText: 'npm ci' }).first().waitFor({ timeout: 45000 });
    const rows = await frame.locator('.step').count();
    if (rows !== 8) throw new Error(`expected 8 step rows, found ${rows}`);
    await frame.locator('.step.config', { hasText: 'no layer' }).first().waitFor();
    await frame.locator('.stage-name', { hasText: 'runtime' }).waitFor();
  });

  await step(page, 'the Cluster view renders', async () => {
    const header = page.locator('.pane-header[aria-label^="Cluster"]');
    await header.waitFor({ timeout: 20000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await page.locator('.monaco-list-row[role=treeitem]', { hasText: 'No simulated cluster yet' }).waitFor({ timeout: 20000 });
  });

  await step(page, 'Simulate Apply fills the Cluster tree and the status bar', async () => {
    await runCommand(page, 'Drydock: Simulate Apply (Workspace)');
    const tree = page.locator('.pane:has(.pane-header[aria-label^="Cluster"]) .monaco-list-row[role=treeitem]');
    await tree.filter({ hasText: 'Nodes' }).first().waitFor({ timeout: 45000 });
    await tree.filter({ hasText: 'Deployment · 3/3 ready' }).first().waitFor({ timeout: 30000 });
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+ ready/ }).first().waitFor({ timeout: 15000 });
  });

  await step(page, 'clicking a layer row reveals its line', async () => {
    const frame = WEBVIEW(page);
    await frame.locator('.step', { hasText: 'npm run build' }).first().click();
    // The cursor lands on the step's line: the status bar says so.
    const lines = fs.readFileSync(path.join(EXAMPLES, 'shop', 'web', 'Dockerfile'), 'utf8').split('\n');
    const want = lines.findIndex((l) => l.startsWith('RUN npm run build')) + 1;
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${want},` }).waitFor({ timeout: 10000 });
  });
  await step(page, 'Which Layers Rebuild? marks the steps a change to a build-context file rebuilds', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Drydock: Which Layers Rebuild?');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Which Layers Rebuild?' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The command's own quick pick replaces the palette: the build context's files.
    await page.locator('.quick-input-widget .quick-input-box input[placeholder^="A file of the build context"]').waitFor({ timeout: 20000 });
    await input.fill('nginx.conf');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'read by' }).filter({ hasText: 'nginx.conf' }).first().waitFor();
    await page.keyboard.press('Enter');
    const frame = WEBVIEW(page);
    const banner = frame.locator('.changed-text', { hasText: /^A change to nginx\.conf rebuilds \d+ steps?$/ });
    await banner.waitFor({ timeout: 20000 });
    const said = Number(/rebuilds (\d+)/.exec((await banner.textContent()) ?? '')?.[1]);
    const marked = await frame.locator('.step.rebuilds').count();
    if (!(said > 0) || said !== marked) throw new Error(`banner says ${said} steps, ${marked} rows are marked`);
    // COPY nginx.conf rebuilds (it reads the file); WORKDIR, before the first COPY, does not.
    await frame.locator('.step.rebuilds', { hasText: 'nginx.conf /etc/nginx' }).waitFor();
    if ((await frame.locator('.step.rebuilds', { hasText: 'WORKDIR' }).count()) !== 0) throw new Error('WORKDIR is marked as rebuilding');
    await page.locator('.part.sidebar').screenshot({ path: path.join(SHOTS, `${String(shot + 1).padStart(2, '0')}a-layers-marked-for-nginx-conf.png`) });
    await frame.locator('button', { hasText: 'Clear' }).click();
    await frame.locator('.changed-text').waitFor({ state: 'detached', timeout: 15000 });
    if ((await frame.locator('.step.rebuilds').count()) !== 0) throw new Error('marks stayed after Clear');
  });

  await step(page, 'hostile Dockerfile content is shown as text in the Layers view and never runs', async () => {
    await openFile(page, `${HOSTILE_DIR}/Dockerfile`);
    await page.locator('.breadcrumbs-control', { hasText: HOSTILE_DIR }).first().waitFor({ timeout: 15000 });
    await runCommand(page, 'Drydock: Show Layer Preview');
    const frame = WEBVIEW(page);
    await frame.locator('.step', { hasText: '<script>' }).first().waitFor({ timeout: 30000 });
    if ((await frame.locator('img, .step script, #root script').count()) !== 0) throw new Error('file content became markup in the webview');
    const pwned = await frame.locator('body').getAttribute('data-pwned');
    if (pwned) throw new Error(`a payload ran (data-pwned=${pwned})`);
  });

  await step(page, 'the Resource Graph draws the example manifests with a red dangling edge', async () => {
    await openFile(page, 'shop/k8s/web.yaml');
    await runCommand(page, 'Drydock: Show Resource Graph');
    const frame = GRAPH(page);
    await frame.locator('.node[data-id="Deployment/shop/web"]').waitFor({ timeout: 45000 });
    // Narrow to the shop namespace (the hostile manifests live in another one).
    await frame.locator('select#namespace option[value="shop"]').waitFor({ state: 'attached' });
    await frame.locator('select#namespace').selectOption('shop');
    await frame.locator('.node[data-id^="Deployment/<script>"]').waitFor({ state: 'detached', timeout: 15000 });
    for (const id of ['Deployment/shop/api', 'Service/shop/web', 'Ingress/shop/shop', 'ConfigMap/shop/api-config']) await frame.locator(`.node[data-id="${id}"]`).waitFor();
    await frame.locator('.node.group-image[data-kind="Dockerfile"]', { hasText: 'shop/web/Dockerfile' }).waitFor();
    if ((await frame.locator('.node').count()) < 10) throw new Error(`only ${await frame.locator('.node').count()} nodes`);
    // The api Service selects app=shop-api, which no pod has: a dashed red edge to a dashed red node.
    const edge = frame.locator('.edge.dangling[data-from="Service/shop/api"]');
    await edge.waitFor();
    // Runs in the webview (no DOM types in this project's lib).
    const look = await edge.locator('path').first().evaluate((p) => {
      const { document, getComputedStyle } = globalThis as unknown as { document: any; getComputedStyle: (e: unknown) => { stroke: string; strokeDasharray: string; color: string } };
      const cs = getComputedStyle(p);
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-charts-red)';
      document.body.appendChild(probe);
      const red = getComputedStyle(probe).color;
      probe.remove();
      return { stroke: cs.stroke, dash: cs.strokeDasharray, red };
    });
    if (look.stroke !== look.red || look.dash === 'none') throw new Error(`dangling edge drawn ${JSON.stringify(look)}`);
    await frame.locator('.edge.dangling .edge-label', { hasText: 'selects' }).first().waitFor();
    await frame.locator('.node.dangling', { hasText: 'app=shop-api' }).waitFor();
    await frame.locator('.counts', { hasText: /2 dangling/ }).waitFor();
  });

  await step(page, 'with drydock.logLevel debug the Drydock output channel shows debug lines', async () => {
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Output: Show Output Channels...');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Output Channels' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-box input:not([placeholder="Type the name of a command to run."])').waitFor();
    await input.fill('Drydock');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: /^Drydock/ }).first().waitFor();
    await page.keyboard.press('Enter');
    // Monaco draws spaces as no-break spaces: \s matches both.
    await page.locator('.part.panel .view-lines', { hasText: /\[debug\]\sResource\sgraph:\s\d+\snodes,\s\d+\sedges/ }).first().waitFor({ timeout: 15000 });
  });

  await step(page, 'clicking a graph node reveals its manifest', async () => {
    const frame = GRAPH(page);
    await frame.locator('.node[data-id="Deployment/shop/worker"]').click();
    const lines = fs.readFileSync(path.join(EXAMPLES, 'shop', 'k8s', 'worker.yaml'), 'utf8').split('\n');
    const want = lines.findIndex((l) => /^kind:\s*Deployment/.test(l)) + 1;
    await page.locator('.tabs-container .tab.active', { hasText: 'worker.yaml' }).waitFor({ timeout: 15000 });
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${want},` }).waitFor({ timeout: 10000 });
    await frame.locator('.node.selected[data-id="Deployment/shop/worker"]').waitFor();
    // Pointing at a node brings its neighbours forward: the worker's ConfigMap and Dockerfile, not the api's Secret.
    await frame.locator('.node[data-id="Deployment/shop/worker"]').hover();
    await frame.locator('svg.focusing .node.near[data-id="ConfigMap/shop/worker-config"]').waitFor();
    if ((await frame.locator('.node.near[data-id="Secret/shop/api-secrets"]').count()) !== 0) throw new Error('an unrelated node is highlighted');
  });

  await step(page, 'hostile manifest names in the Resource Graph are shown as text and never run', async () => {
    const frame = GRAPH(page);
    await frame.locator('select#namespace').selectOption(HOSTILE_NAMESPACE);
    const node = frame.locator('.node[data-kind="Deployment"]', { hasText: '<script>' });
    await node.waitFor({ timeout: 15000 });
    await frame.locator('.node[data-kind="Service"]', { hasText: '<b onmouseover' }).waitFor();
    await frame.locator('.node.dangling', { hasText: 'app=<img src=x' }).waitFor();
    const optionText = await frame.locator('select#namespace option:checked').textContent();
    if (optionText !== HOSTILE_NAMESPACE) throw new Error(`namespace option reads ${optionText}`);
    if ((await frame.locator('#root img, #root script, #root b, #toolbar img, #toolbar b, svg foreignObject').count()) !== 0) throw new Error('manifest content became markup in the graph');
    await node.hover();
    await node.click();
    const pwned = await frame.locator('body').getAttribute('data-pwned');
    if (pwned) throw new Error(`a payload ran (data-pwned=${pwned})`);
    await page.locator('.tabs-container .tab.active', { hasText: 'hostile.yaml' }).waitFor({ timeout: 15000 });
  });

  await step(page, 'the Resource Graph maximized for the README screenshot', async () => {
    await runCommand(page, 'Drydock: Show Resource Graph');
    const frame = GRAPH(page);
    await frame.locator('select#namespace').selectOption('shop');
    await frame.locator('.node[data-id="Deployment/shop/web"]').waitFor({ timeout: 15000 });
    await frame.locator('.node[data-kind="Deployment"]', { hasText: '<script>' }).waitFor({ state: 'detached' });
    // The Problems panel's own close button, then the editor group maximized without side bars.
    await page.locator('.part.panel .action-label[aria-label^="Hide Panel"]').first().click();
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await runCommand(page, 'View: Maximize Editor Group and Hide Side Bars');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    const iframe = 'iframe.webview.ready:not([src*="purpose=webviewView"])';
    await page.waitForFunction(`(document.querySelector('${iframe}')?.getBoundingClientRect().width ?? 0) > 1200 && (document.querySelector('${iframe}')?.getBoundingClientRect().height ?? 0) > 600`, undefined, { timeout: 15000 });
    await frame.locator('svg').waitFor();
    // Nothing pointed at or focused, so no node is highlighted in the picture.
    await page.mouse.move(1, 1);
    await frame.locator('svg.focusing').waitFor({ state: 'detached' });
    fs.mkdirSync(DOCS, { recursive: true });
    await page.locator(iframe).screenshot({ path: path.join(DOCS, 'resource-graph.png') });
  });

  await step(page, 'the Get started with Drydock walkthrough lists its steps', async () => {
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Drydock' }).first().waitFor();
    await input.fill('Get started with Drydock');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Drydock' }).first().click();
    const steps = page.locator('.getting-started-step');
    await steps.filter({ hasText: 'Open a Dockerfile and its Layer Preview' }).first().waitFor({ timeout: 20000 });
    for (const title of ['Which layers rebuild?', 'Open manifests: problems and the resource graph', 'Simulate Apply and watch the Cluster view']) await steps.filter({ hasText: title }).first().waitFor();
    // The selected step's markdown (media/walkthrough/layers.md) is rendered beside the steps, in the
    // editor area's webview (the Resource Graph's tab is in the background, so its frame is gone).
    await GRAPH(page).locator('h1', { hasText: 'The Layer Preview' }).waitFor({ timeout: 20000 });
  });

  // The Cluster view: the sidebar back, the Layers view folded so the Cluster tree has the room.
  const clusterRows = page.locator('.pane:has(.pane-header[aria-label^="Cluster"]) .monaco-list-row[role=treeitem]');
  const rowLabelled = (label: string, description?: string | RegExp) => {
    const rows = clusterRows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    return (description ? rows.filter({ has: page.locator('.label-description', { hasText: description }) }) : rows).first();
  };
  /** Right-clicks a row of the Cluster tree and chooses a context-menu entry. */
  const contextMenu = async (row: ReturnType<typeof rowLabelled>, entry: string) => {
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item:not(.disabled)', { has: page.locator('.action-label', { hasText: entry }) }).first();
    await item.waitFor({ timeout: 10000 });
    // VS Code's menu ignores a mouse-up that comes right after it opened: point at the entry until the
    // menu focuses it, then choose it with the keyboard.
    await item.hover();
    await item.and(page.locator('.action-item.focused')).waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-menu').waitFor({ state: 'detached', timeout: 10000 });
  };
  const expand = async (row: ReturnType<typeof rowLabelled>) => {
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    if ((await row.getAttribute('aria-expanded')) !== 'true') throw new Error('the row did not expand');
  };
  /**
   * Waits until the Cluster tree shows exactly `count` distinct web pods Running and ready, each on a node
   * `nodeOk` accepts; returns their nodes. Rows read "<name>Running · 1/1 · <node>" (label, then description).
   */
  const webPodsRunning = async (count: number, notOn?: string): Promise<string[]> => {
    const handle = await page.waitForFunction(([want, avoid]) => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
      const rows = Array.from(doc.querySelectorAll('.pane:has(.pane-header[aria-label^="Cluster"]) .monaco-list-row[role=treeitem]'));
      const pods = new Map<string, string>();
      for (const r of rows) {
        const m = /^(web-[a-z0-9]+-[a-z0-9]+)(.*)$/.exec((r.textContent ?? '').replace(/\s+/g, ' ').trim());
        if (!m) continue;
        const ok = /^Running · 1\/1 · (\S+)$/.exec(m[2]);
        if (!ok) return false;
        pods.set(m[1], ok[1]);
      }
      const nodes = [...pods.values()];
      return pods.size === want && !nodes.includes(String(avoid)) ? nodes : false;
    }, [count, notOn ?? ''] as const, { timeout: 60000 });
    return (await handle.jsonValue()) as string[];
  };

  await step(page, 'Simulate Apply until the Cluster tree shows every web pod Running', async () => {
    await runCommand(page, 'Drydock: Focus on Cluster View');
    await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 15000 });
    const layers = page.locator('.pane-header[aria-label^="Layers"]');
    if ((await layers.getAttribute('aria-expanded')) === 'true') await layers.click();
    await runCommand(page, 'Drydock: Reset Cluster');
    // An empty cluster: its nodes, no namespaces, the clock at 0 s.
    await rowLabelled('Nodes', /^\d+ · 0\/0 pods ready · 0s$/).waitFor({ timeout: 20000 });
    await rowLabelled('shop').waitFor({ state: 'detached', timeout: 10000 });
    // A wider side bar, so the rows' descriptions show (and the README picture reads).
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (bar && bar.width < 560) {
      await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
      await page.mouse.down();
      await page.mouse.move(bar.x + 600, bar.y + bar.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await runCommand(page, 'Drydock: Simulate Apply (Workspace)');
    const web = rowLabelled('web', 'Deployment ·');
    await web.waitFor({ timeout: 45000 });
    await expand(web);
    await clusterRows.filter({ has: page.locator('.label-description', { hasText: /^ReplicaSet · revision 1 \(current\)/ }) }).first().waitFor();
    await webPodsRunning(3);
    // Nodes carry their allocation; the status bar has the summary and the paused clock.
    await clusterRows.filter({ has: page.locator('.label-description', { hasText: /^Ready · cpu \d+m\/\d+m \(\d+%\) · mem / }) }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+ ready/ }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: /⏸ \d+s/ }).first().waitFor({ timeout: 10000 });
    // The worker waits for a ConfigMap that is not there: its tooltip says why.
    const worker = rowLabelled('worker', 'Deployment ·');
    await expand(worker);
    const stuck = clusterRows.filter({ hasText: /^worker-[a-z0-9]+-[a-z0-9]+CreateContainerConfigError/ }).first();
    await stuck.hover();
    await page.locator('.monaco-hover, .workbench-hover', { hasText: 'configmap "worker-config" not found' }).first().waitFor({ timeout: 15000 });
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-hover:visible, .workbench-hover:visible').first().waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
    fs.mkdirSync(DOCS, { recursive: true });
    await page.locator('.part.sidebar').screenshot({ path: path.join(DOCS, 'cluster-view.png') });
  });

  await step(page, 'failing a node from its context menu moves its pods to other nodes', async () => {
    const [node] = await webPodsRunning(3);
    await contextMenu(rowLabelled(node), 'Fail Node');
    await rowLabelled(node, /^NotReady/).waitFor({ timeout: 20000 });
    await runCommand(page, 'Drydock: Run Until Stable');
    await page.locator('.notification-toast', { hasText: /stable at \d+s/ }).first().waitFor({ timeout: 60000 });
    const nodes = await webPodsRunning(3, node);
    if (nodes.includes(node)) throw new Error(`a web pod is still on ${node}`);
    await contextMenu(rowLabelled(node), 'Recover Node');
    await rowLabelled(node, /^Ready/).waitFor({ timeout: 20000 });
  });

  await step(page, 'undo a rollout from the Deployment context menu', async () => {
    const web = rowLabelled('web', 'Deployment ·');
    const first = clusterRows.filter({ has: page.locator('.label-description', { hasText: /^ReplicaSet · revision 1 \(current\)/ }) }).filter({ hasText: /^web-/ }).first();
    const firstName = ((await first.locator('.label-name').textContent()) ?? '').trim();
    if (!/^web-[a-z0-9]+$/.test(firstName)) throw new Error(`first ReplicaSet reads ${firstName}`);
    await contextMenu(web, 'Restart Rollout');
    await clusterRows.filter({ has: page.locator('.label-description', { hasText: /^ReplicaSet · revision 2 \(current\) · 3\/3/ }) }).first().waitFor({ timeout: 30000 });
    await contextMenu(web, 'Undo Rollout');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'revision 1' }).first().waitFor();
    await page.keyboard.press('Enter');
    await rowLabelled(firstName, /^ReplicaSet · revision 3 \(current\) · 3\/3/).waitFor({ timeout: 30000 });
    await webPodsRunning(3);
  });

  await step(page, 'Reveal Manifest opens the Deployment at its kind line; Send Request shows the hops', async () => {
    await contextMenu(rowLabelled('web', 'Deployment ·'), 'Reveal Manifest');
    const lines = fs.readFileSync(path.join(EXAMPLES, 'shop', 'k8s', 'web.yaml'), 'utf8').split('\n');
    const want = lines.findIndex((l) => /^kind:\s*Deployment/.test(l)) + 1;
    await page.locator('.tabs-container .tab.active', { hasText: 'web.yaml' }).waitFor({ timeout: 15000 });
    await page.locator('[id="status.editor.selection"]', { hasText: `Ln ${want},` }).waitFor({ timeout: 10000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await contextMenu(rowLabelled('shop', 'Ingress ·'), 'Send Request');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget', { hasText: 'Host of the request' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Path' }).waitFor();
    await input.fill('/');
    await page.keyboard.press('Enter');
    // The example's Ingress sends / to port "https" of the web Service, which only has "http": the hops say where it stops.
    await page.locator('.notification-toast', { hasText: /request http:\/\/shop\.example\.com\/ → ingress shop\/shop path \/ \(Prefix\) → failed: service web has no port https/ }).first().waitFor({ timeout: 20000 });
  });

  await step(page, 'Resume the clock advances the cluster every second; Pause stops it', async () => {
    const clock = page.locator('.statusbar-item', { hasText: /^[⏸▶] \d+s$/ }).first();
    const t0 = Number(/(\d+)s/.exec((await clock.textContent()) ?? '')?.[1]);
    await runCommand(page, 'Drydock: Resume the Clock');
    await page.locator('.statusbar-item', { hasText: /^▶ \d+s$/ }).first().waitFor({ timeout: 10000 });
    await page.waitForFunction((start) => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
      return Array.from(doc.querySelectorAll('.statusbar-item')).some((e) => { const m = /^▶ (\d+)s$/.exec((e.textContent ?? '').trim()); return !!m && Number(m[1]) >= start + 3; });
    }, t0, { timeout: 20000 });
    await runCommand(page, 'Drydock: Pause the Clock');
    await page.locator('.statusbar-item', { hasText: /^⏸ \d+s$/ }).first().waitFor({ timeout: 10000 });
  });

  await step(page, 'Run Scenario runs a scenario file and reports its expectations', async () => {
    await runCommand(page, 'Drydock: Run Scenario');
    await page.locator('.quick-input-widget .quick-input-box input[placeholder^="A scenario to run"]').waitFor();
    await page.locator('.quick-input-widget .quick-input-box input').fill('rollout.yaml');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'rollout.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: /Scenario .*rollout\.yaml: (\d+)\/\1 expectations met/ }).first().waitFor({ timeout: 30000 });
    await rowLabelled('web', /^Deployment · 3\/3 ready/).waitFor();
  });

  await page.close();
}

async function extensionHostScenario(browser: Browser, server: Running): Promise<void> {
  const outFile = path.join(RUN_DIR, 'suite', 'index.js');
  await build({ entryPoints: [path.join(__dirname, 'suite', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], outfile: outFile, logLevel: 'warning' });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const logs: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    logs.push(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(outFile)]]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(EXAMPLES)}&payload=${encodeURIComponent(payload)}`);
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exited, new Promise<number>((r) => (timer = setTimeout(() => r(-1), 180000)))]);
  clearTimeout(timer);
  await step(page, 'the extension-host suite passes inside VS Code', async () => {
    const suiteLines = logs.filter((l) => /^(not )?ok - |extension-host suite:/.test(l.trim()));
    for (const l of suiteLines) console.log(`    ${l.trim()}`);
    if (code === -1) throw new Error(`the suite did not finish within 180 s; log:\n${logs.slice(-30).join('\n')}`);
    if (code !== 0) throw new Error(`the suite exited with ${code}`);
    if (!suiteLines.some((l) => /extension-host suite: \d+ passed, 0 failed/.test(l))) throw new Error(`no suite summary in the log:\n${logs.slice(-30).join('\n')}`);
  });
  await page.close();
}

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const t0 = Date.now();
  const profile = makeProfile(RUN_DIR);
  // drydock.logLevel is honoured: at debug the Drydock channel shows the graph's debug line (checked below).
  const settingsFile = path.join(profile.userData, 'User', 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'drydock.logLevel': 'debug' }, null, 2));
  installVsix(profile, VSIX);
  const removeHostile = writeHostile();
  let browser: Browser | undefined;
  try {
    const server = await startCodeServer(profile, EXAMPLES);
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      await uiScenario(browser, server);
    } finally {
      await browser?.close().catch(() => undefined);
      await server.stop();
    }
  } finally {
    removeHostile();
  }
  // The extension-host suite loads the unpackaged extension; a fresh profile keeps it from meeting the installed copy.
  const devProfile = makeProfile(path.join(RUN_DIR, 'dev'));
  const devServer = await startCodeServer(devProfile, EXAMPLES);
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    await extensionHostScenario(browser, devServer);
  } finally {
    await browser?.close().catch(() => undefined);
    await devServer.stop();
  }
  console.log(`screenshots in ${path.relative(ROOT, SHOTS)}/ · ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  console.error('e2e: gave up after 10 minutes');
  process.exit(1);
}, 10 * 60 * 1000);
main()
  .then((code) => { clearTimeout(watchdog); process.exitCode = code; })
  .catch((e) => { clearTimeout(watchdog); console.error(`e2e: ${(e as Error).stack ?? e}`); process.exitCode = 1; });
