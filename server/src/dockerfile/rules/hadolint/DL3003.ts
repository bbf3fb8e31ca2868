import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3003', title: 'Use WORKDIR to switch to a directory', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3003'),
  examples: { bad: 'FROM alpine:3.20\nRUN cd /src && make\n', good: 'FROM alpine:3.20\nWORKDIR /src\nRUN make\n' },
};

/** `cd` lasts only for its RUN; WORKDIR carries to later steps and to the container. */
export const DL3003: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('cd').map((c) =>
      report(meta, f.wordRange(c.command.words[0]), '"cd" only lasts for this RUN; use WORKDIR to change directory for later steps.'));
  },
};
