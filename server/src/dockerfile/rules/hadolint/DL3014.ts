import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { hasOption, hasShortFlag, isSub, managerCommands, subcommandIndex } from '../packages';

const APT_GET = ['apt-get'];
const SUBS = ['install'];

const meta = {
  id: 'DL3014', title: 'Use the -y switch', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3014'),
  examples: {
    bad: 'FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n',
    good: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
  },
};

/** Without -y apt-get asks for confirmation, and a build cannot answer. */
export const DL3014: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, APT_GET)
      .filter((c) => isSub(c, APT_GET, SUBS) && !hasShortFlag(c, 'y') && !hasOption(c, '--yes', '--assume-yes', '-qq'))
      .map((c) => {
        const sub = c.args[subcommandIndex(c, SUBS)];
        const at = f.range(sub.end, sub.end);
        return report(meta, f.wordRange(sub), 'apt-get install will ask for confirmation and fail the build: add -y.', {
          fixes: [{ title: 'Add -y', edits: [{ range: at, newText: ' -y' }], isPreferred: true }],
        });
      });
  },
};
