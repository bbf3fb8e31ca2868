/**
 * Starts code-server (a real VS Code server and workbench, installed by scripts/setup-e2e.sh) on
 * loopback in a throwaway profile, and stops it with its whole process group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER = path.join(ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');

export interface Profile {
  dir: string;
  userData: string;
  extensions: string;
  env: NodeJS.ProcessEnv;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

export function makeProfile(runDir: string): Profile {
  fs.rmSync(runDir, { recursive: true, force: true });
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  for (const d of ['User', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']) fs.mkdirSync(path.join(d === 'User' ? userData : runDir, d), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: path.join(runDir, 'tmp'),
  };
  return { dir: runDir, userData, extensions, env };
}

export function installVsix(profile: Profile, vsix: string): void {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix, '--force'], {
    env: profile.env, encoding: 'utf8', timeout: 120000,
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  port: number;
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** `workspaceTrust: true` keeps VS Code's workspace trust on, so a folder opens in restricted mode until trusted. */
export async function startCodeServer(profile: Profile, folder: string, options: { workspaceTrust?: boolean } = {}): Promise<Running> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run bash scripts/setup-e2e.sh`);
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions,
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    folder,
  ], { env: profile.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (log += d.toString()));
  child.stderr?.on('data', (d) => (log += d.toString()));
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } resolve(); }, 5000);
        child.once('exit', () => { clearTimeout(t); resolve(); });
      });
    }
  };
  const deadline = Date.now() + 60000;
  while (!/HTTP server listening/.test(log)) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log}`);
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not start within 60 s:\n${log}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url: `http://127.0.0.1:${port}`, log: () => log, stop };
}
