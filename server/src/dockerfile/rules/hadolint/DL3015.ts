import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { hasOption, isSub, managerCommands, subcommandIndex } from '../packages';

const APT_GET = ['apt-get'];
const SUBS = ['install'];

const meta = {
  id: 'DL3015', title: 'Avoid additional packages by specifying --no-install-recommends', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3015'),
  examples: {
    bad: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
    good: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
  },
};

/** Recommended packages often double an image's size for nothing the app uses. */
export const DL3015: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, APT_GET)
      .filter((c) => isSub(c, APT_GET, SUBS) && !hasOption(c, '--no-install-recommends') && !c.args.some((a) => /APT::Install-Recommends=(false|0)/i.test(a.value)))
      .map((c) => {
        const sub = c.args[subcommandIndex(c, SUBS)];
        return report(meta, f.wordRange(sub), 'apt-get install pulls in recommended packages too: add --no-install-recommends.', {
          fixes: [{ title: 'Add --no-install-recommends', edits: [{ range: f.range(sub.end, sub.end), newText: ' --no-install-recommends' }], isPreferred: true }],
        });
      });
  },
};
