import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import type { Step } from '../../model';
import { isSub, managerCommands } from '../packages';

const meta = {
  id: 'DL3009', title: 'Delete the apt-get lists after installing something', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3009'),
  examples: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
  },
};

const APT = ['apt-get', 'apt'];
const INSTALL = ['install'];

/** The package lists stay in the layer (tens of MB) unless removed in the same RUN. */
export const DL3009: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    // The first install of each RUN.
    let seen: Step | null = null;
    for (const install of managerCommands(f, APT)) {
      if (install.step === seen || !isSub(install, APT, INSTALL)) continue;
      const step = (seen = install.step);
      if (f.flags(step).some((fl) => fl.name === 'mount' && /\/var\/lib\/apt/.test(fl.value ?? ''))) continue;
      const cleaned = f.runCommands(step, install.stage).some((c) => c.name === 'rm' && c.args.some((a) => a.value.startsWith('/var/lib/apt/lists')));
      if (!cleaned) out.push(report(meta, f.commandRange(install), 'apt-get lists stay in this layer: add "&& rm -rf /var/lib/apt/lists/*" to the same RUN.'));
    }
    return out;
  },
};
