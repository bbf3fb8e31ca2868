/**
 * .hadolint.yaml: what reading the configuration adds to each Dockerfile analysis (the language server
 * analyses on every keystroke). A Dockerfile four folders below the workspace root, with and without a
 * configuration file at the root; the lookup remembered (as on a keystroke) and done afresh (every stat).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findHadolintConfig, forgetHadolintLookups, hadolintSettingsFor, parseHadolintConfig } from '../server/src/workspace/hadolintConfig';

const CONFIG = `ignored: [DL3008, DL3013]
override:
  error: [DL3001, DL3002]
  warning: [DL3057]
  style: [DL3059]
trustedRegistries: [docker.io, registry.acme.example]
label-schema:
  org.opencontainers.image.version: semver
  org.opencontainers.image.revision: hash
  org.opencontainers.image.created: rfc3339
  org.opencontainers.image.source: url
  org.opencontainers.image.licenses: spdx
  maintainer: email
strict-labels: true
failure-threshold: warning
`;

function microseconds(n: number, fn: () => void): string {
  for (let i = 0; i < 200; i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return (Number(process.hrtime.bigint() - t) / n / 1000).toFixed(1);
}

export async function run(report: (section: string, rows: string[][]) => void): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-bench-hadolint-'));
  try {
    const dockerfile = path.join(root, 'a', 'b', 'c', 'd', 'Dockerfile');
    fs.mkdirSync(path.dirname(dockerfile), { recursive: true });
    fs.writeFileSync(dockerfile, 'FROM alpine:3.20\n');
    const rows: string[][] = [['case', 'µs per analysis']];
    const n = 5000;
    rows.push(['no configuration, lookup remembered (keystroke)', microseconds(n, () => hadolintSettingsFor(dockerfile, [root]))]);
    rows.push(['no configuration, lookup afresh (5 folders)', microseconds(n, () => findHadolintConfig(dockerfile, [root]))]);
    fs.writeFileSync(path.join(root, '.hadolint.yaml'), CONFIG);
    forgetHadolintLookups();
    rows.push(['configuration at the root, lookup remembered (stat + mtime check)', microseconds(n, () => hadolintSettingsFor(dockerfile, [root]))]);
    rows.push(['configuration at the root, lookup afresh', microseconds(n, () => { forgetHadolintLookups(); hadolintSettingsFor(dockerfile, [root]); })]);
    rows.push(['parse + validate the configuration (on a change only)', microseconds(1000, () => parseHadolintConfig(CONFIG, '/x/.hadolint.yaml'))]);
    report('.hadolint.yaml cost per Dockerfile analysis', rows);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
