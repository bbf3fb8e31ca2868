import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL4000', title: 'MAINTAINER is deprecated', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL4000'),
  aliases: ['MaintainerDeprecated'],
  examples: { bad: 'FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n', good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\n' },
};

export const DL4000: DockerfileRule = {
  meta,
  check(f) {
    return f.stepsOf('MAINTAINER').map(({ step }) => {
      const who = step.arguments.trim().replace(/"/g, '\\"');
      return report(meta, step.keywordRange, 'MAINTAINER is deprecated: use the org.opencontainers.image.authors label.', {
        fixes: [{ title: 'Replace with a LABEL', edits: [{ range: step.range, newText: `LABEL org.opencontainers.image.authors="${who}"` }], isPreferred: true }],
      });
    });
  },
};
