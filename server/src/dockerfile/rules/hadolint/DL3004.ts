import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3004', title: 'Do not use sudo', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3004'),
  examples: { bad: 'FROM debian:12\nRUN sudo make install\n', good: 'FROM debian:12\nUSER root\nRUN make install\n' },
};

/** sudo behaves unpredictably without a TTY and hides who runs what; switch USER instead. */
export const DL3004: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('sudo').map((c) =>
      report(meta, f.wordRange(c.command.words[0]), 'Do not use sudo in a build: set USER root for the steps that need it, then switch back.'));
  },
};
