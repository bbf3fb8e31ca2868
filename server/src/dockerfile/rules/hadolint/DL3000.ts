import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3000', title: 'Use absolute WORKDIR', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3000'),
  aliases: ['WorkdirRelativePath'],
  examples: { bad: 'FROM alpine:3.20\nWORKDIR app\n', good: 'FROM alpine:3.20\nWORKDIR /app\n' },
};

/** A relative WORKDIR depends on whatever the previous one was, which a base image may change. */
export const DL3000: DockerfileRule = {
  meta,
  check(f) {
    return f.stepsOf('WORKDIR').flatMap(({ step }) => {
      const dir = step.arguments.trim().replace(/^["']|["']$/g, '');
      if (!dir || dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir)) return [];
      const r = step.node.getArgumentsRange() ?? step.range;
      return [report(meta, r, `WORKDIR "${dir}" is relative; use an absolute path so it does not depend on the previous WORKDIR.`)];
    });
  },
};
