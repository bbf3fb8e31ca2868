import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3061', title: 'A Dockerfile must begin with FROM, ARG or a comment', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3061'),
  examples: { bad: 'ENV A=1\nFROM alpine:3.20\n', good: 'ARG VERSION=3.20\nFROM alpine:${VERSION}\n' },
};

/** Only ARG may come before the first FROM; anything else has no stage to belong to. */
export const DL3061: DockerfileRule = {
  meta,
  check(f) {
    return f.model.preamble.filter((s) => s.instruction !== 'ARG').map((s) =>
      report(meta, s.keywordRange, `${s.instruction} comes before any FROM; only ARG may appear there.`));
  },
};
