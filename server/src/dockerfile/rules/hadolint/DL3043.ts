import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3043', title: 'ONBUILD must not trigger ONBUILD, FROM or MAINTAINER', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3043'),
  examples: { bad: 'FROM alpine:3.20\nONBUILD FROM alpine:3.20\n', good: 'FROM alpine:3.20\nONBUILD COPY . /app\n' },
};

/** Docker refuses these three as ONBUILD triggers. */
export const DL3043: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('ONBUILD')) {
      const m = /^\s*(\S+)/.exec(step.arguments);
      const inner = m?.[1].toUpperCase();
      if (inner !== 'ONBUILD' && inner !== 'FROM' && inner !== 'MAINTAINER') continue;
      out.push(report(meta, step.range, `ONBUILD cannot trigger ${inner}; the builder rejects it.`));
    }
    return out;
  },
};
