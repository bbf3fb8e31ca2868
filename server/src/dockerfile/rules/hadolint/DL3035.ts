import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { isSub, managerCommands } from '../packages';

const ZYPPER = ['zypper'];
const SUBS = ['dist-upgrade', 'dup'];

const meta = {
  id: 'DL3035', title: 'Do not use zypper dist-upgrade', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3035'),
  examples: { bad: 'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y && zypper clean\n', good: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n' },
};

/** A distribution upgrade inside a build makes the image depend on the day it was built: move to a newer base instead. */
export const DL3035: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, ZYPPER).filter((c) => isSub(c, ZYPPER, SUBS)).map((c) =>
      report(meta, f.commandRange(c), 'zypper dist-upgrade changes the whole distribution at build time; pick a newer base image instead.'));
  },
};
