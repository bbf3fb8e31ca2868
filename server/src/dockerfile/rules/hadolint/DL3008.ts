import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { isSub, managerCommands, packageArgs } from '../packages';

const APT_GET = ['apt-get'];
const SUBS = ['install'];

const meta = {
  id: 'DL3008', title: 'Pin versions in apt-get install', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3008'),
  examples: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
  },
};

/** Unpinned packages make the image depend on the day it was built. */
export const DL3008: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, APT_GET)
      .filter((c) => isSub(c, APT_GET, SUBS))
      .flatMap((c) => packageArgs(c, SUBS))
      .filter((w) => !w.value.includes('=') && !w.value.endsWith('.deb') && !w.value.includes('$'))
      .map((w) => report(meta, f.wordRange(w), `Pin the version of "${w.value}" (apt-get install ${w.value}=<version>).`));
  },
};
