import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL4005', title: 'Use SHELL to change the default shell', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL4005'),
  examples: { bad: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n', good: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n' },
};

/** Relinking /bin/sh changes the shell for every program in the image, not only for later RUN steps. */
export const DL4005: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('ln')
      .filter((c) => c.args.some((a) => a.value === '/bin/sh') && !c.args.every((a) => a.value.startsWith('-') || a.value === '/bin/sh'))
      .map((c) => report(meta, f.commandRange(c), 'Linking over /bin/sh replaces the system shell; use a SHELL instruction to change the shell of RUN steps.'));
  },
};
