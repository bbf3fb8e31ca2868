/**
 * For contributors with a desktop VS Code: runs the same extension-host suite under
 * @vscode/test-electron. It downloads VS Code (or uses VSCODE_EXECUTABLE), so neither the README's
 * commands nor CI call it; `npm run e2e` is the offline route.
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const outFile = path.join(ROOT, 'test', 'e2e', '.run', 'suite', 'index.js');
  await build({ entryPoints: [path.join(__dirname, 'suite', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], outfile: outFile, logLevel: 'warning' });
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: outFile,
      launchArgs: [path.join(ROOT, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (e) {
    console.error(`test:desktop: could not run VS Code (${(e as Error).message}). Set VSCODE_EXECUTABLE to a local VS Code binary, or use npm run e2e.`);
    return 1;
  }
}

void main().then((code) => (process.exitCode = code));
