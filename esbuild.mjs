// Bundles the three faces into dist/: the VS Code client (extension host, CommonJS, `vscode`
// external), the language server and the CLI (plain Node), plus the library face (dist/api.js).
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
  // vscode-languageserver-types offers an ESM build under the `module` condition, which esbuild prefers; required
  // from CommonJS (dockerfile-ast, the LSP libraries) it then reads every export through a getter, a measurable
  // share of a Dockerfile parse. The CommonJS build serves every importer instead.
  alias: { 'vscode-languageserver-types': './node_modules/vscode-languageserver-types/lib/umd/main.js' },
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { api: 'server/src/api.ts' }, outdir: 'dist' },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching client, server, cli and api');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
  writeNotices(results);
  if (!process.env.DRYDOCK_QUIET) console.log(`esbuild: built dist/ (${production ? 'production' : 'development'})`);
}

/**
 * dist/THIRD_PARTY_NOTICES.txt: the name, version, licence and licence text of every npm package bundled
 * into dist/ (read from esbuild's metafile), so the .vsix carries the notices the minifier strips.
 */
function writeNotices(results) {
  const packages = new Map();
  for (const r of results) {
    for (const input of Object.keys(r.metafile?.inputs ?? {})) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (!m) continue;
      const dir = input.slice(0, input.lastIndexOf(`node_modules/${m[1]}/`) + `node_modules/${m[1]}`.length);
      packages.set(dir, m[1]);
    }
  }
  const out = [
    'Drydock bundles the following npm packages into dist/. Their licences follow.',
    '',
    'The Kubernetes schema data in dist/server.js (server/src/manifests/validation/schema/k8s-schema.json) is derived',
    'from the npm packages kubernetes-types (Apache-2.0) and kubernetes-models (MIT), which carry the Kubernetes API',
    'definitions (Apache-2.0, The Kubernetes Authors).',
    '',
  ];
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
    let pkg = {};
    try { pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')); } catch { /* no manifest */ }
    const licenceFile = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f)) : undefined;
    out.push('-'.repeat(78), `${name} ${pkg.version ?? ''} (${typeof pkg.license === 'string' ? pkg.license : 'see below'})`, pkg.homepage ?? '', '');
    out.push(licenceFile ? readFileSync(path.join(dir, licenceFile), 'utf8').trim() : `No licence file in the package; package.json says: ${JSON.stringify(pkg.license ?? pkg.licenses ?? 'unknown')}.`, '');
  }
  writeFileSync('dist/THIRD_PARTY_NOTICES.txt', out.join('\n'));
}
