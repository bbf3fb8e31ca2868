import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3027', title: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3027'),
  examples: { bad: 'FROM debian:12\nRUN apt install -y curl\n', good: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n' },
};

export const DL3027: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('apt').map((c) =>
      report(meta, f.wordRange(c.command.words[0]), '"apt" has no stable command-line interface for scripts; use apt-get (or apt-cache).', {
        fixes: [{ title: 'Use apt-get', edits: [{ range: f.wordRange(c.command.words[0]), newText: 'apt-get' }], isPreferred: true }],
      }));
  },
};
