/**
 * Workspace trust in a real VS Code (code-server + Chromium): a folder that is not trusted opens in restricted
 * mode, Drydock still analyses its files (it only reads them), and the workspace's own value of
 * drydock.clusterProfile (a restricted setting) is ignored: the simulated cluster is the default one. The
 * same folder opened trusted uses its profile. Run by `npm run e2e` after run.ts; screenshots beside its own.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { installVsix, makeProfile, startCodeServer, ROOT } from './codeServer';

const RUN_DIR = path.join(ROOT, 'test', 'e2e', '.run', 'trust');
const SHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
const VSIX = path.join(ROOT, 'dist', 'drydock.vsix');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function makeWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-trust-'));
  fs.mkdirSync(path.join(ws, '.drydock'));
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.mkdirSync(path.join(ws, 'k8s'));
  fs.writeFileSync(path.join(ws, 'Dockerfile'), 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install curl\n');
  fs.writeFileSync(path.join(ws, '.drydock', 'team.yaml'), 'nodes:\n  - name: team-node-a\n    cpu: "8"\n    memory: 16Gi\n  - name: team-node-b\n    cpu: "8"\n    memory: 16Gi\n');
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'drydock.clusterProfile': '.drydock/team.yaml' }, null, 2));
  fs.writeFileSync(path.join(ws, 'k8s', 'app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n');
  return ws;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
}

/** Opens the workspace (trusted or not), checks Drydock's diagnostics, simulates, and returns the node names shown. */
async function session(ws: string, trusted: boolean, shot: string): Promise<string[]> {
  const profile = makeProfile(path.join(RUN_DIR, trusted ? 'trusted' : 'restricted'));
  const settingsFile = path.join(profile.userData, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  // Trust on, no prompt: an unknown folder opens in restricted mode.
  Object.assign(settings, { 'security.workspace.trust.enabled': trusted ? false : true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' });
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  installVsix(profile, VSIX);
  const server = await startCodeServer(profile, ws, { workspaceTrust: !trusted });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  try {
    page.setDefaultTimeout(30000);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    const restricted = page.locator('.statusbar-item', { hasText: /Restricted Mode/ });
    if (!trusted) await restricted.first().waitFor({ timeout: 20000 });
    else if (await restricted.count()) throw new Error('the trusted session shows Restricted Mode');
    // Reading files works in both modes: the Dockerfile gets Drydock's diagnostics.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').fill('Dockerfile');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dockerfile' }).first().click();
    await runCommand(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row', { hasText: /DL3008|DL3015|DL3009/ }).first().waitFor({ timeout: 45000 });
    await runCommand(page, 'Drydock: Simulate Apply (Workspace)');
    await runCommand(page, 'Focus on Cluster View');
    const tree = page.locator('.pane:has(.pane-header[aria-label^="Cluster"]) .monaco-list-row[role=treeitem]');
    await tree.filter({ hasText: 'Nodes' }).first().waitFor({ timeout: 45000 });
    await tree.filter({ hasText: /worker-1|team-node-a/ }).first().waitFor({ timeout: 30000 });
    const rows = await tree.allInnerTexts();
    if (process.env.DRYDOCK_E2E_DEBUG) console.log(JSON.stringify(rows));
    await page.screenshot({ path: path.join(SHOTS, shot) }).catch(() => undefined);
    // Node rows: the name, then the description ("Ready · cpu …"); pod rows under a node are namespace/name.
    return rows.map((r) => /^\s*(team-node-[ab]|worker-\d|control-plane)(?=Ready|NotReady|cpu|\s|$)/.exec(r)?.[1]).filter((n): n is string => !!n);
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, shot.replace('.png', '-failed.png')) }).catch(() => undefined);
    throw e;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const ws = makeWorkspace();
  let failed = 0;
  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}: ${(e as Error).message}`);
    }
  };
  try {
    await step('restricted mode: Drydock reads files, and ignores the workspace cluster profile (a restricted setting)', async () => {
      const nodes = await session(ws, false, '90-restricted-mode.png');
      if (nodes.some((n) => n.startsWith('team-node'))) throw new Error(`the workspace profile was used: ${nodes.join(', ')}`);
      if (!nodes.some((n) => n.startsWith('worker-'))) throw new Error(`no default nodes in the tree: ${nodes.join(', ')}`);
    });
    await step('trusted: the workspace cluster profile is used', async () => {
      const nodes = await session(ws, true, '91-trusted-mode.png');
      if (!nodes.includes('team-node-a') || nodes.some((n) => n.startsWith('worker-'))) throw new Error(`expected the team nodes: ${nodes.join(', ')}`);
    });
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
  console.log(`e2e trust: ${2 - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }).catch((e) => { console.error(`e2e trust: ${(e as Error).stack ?? e}`); process.exitCode = 1; });
