import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3021', title: 'COPY with more than 2 arguments requires the last argument to end with /', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3021'),
  examples: { bad: 'FROM alpine:3.20\nCOPY a.txt b.txt /app\n', good: 'FROM alpine:3.20\nCOPY a.txt b.txt /app/\n' },
};

export const DL3021: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('COPY', 'ADD')) {
      if (f.isExecForm(step)) continue;
      const args = f.operands(step).filter((a) => !a.getValue().startsWith('<<'));
      if (args.length <= 2) continue;
      const dest = args[args.length - 1];
      if (dest.getValue().endsWith('/') || dest.getValue().includes('$')) continue;
      out.push(report(meta, dest.getRange(), `With several sources the destination must be a directory ending in "/": "${dest.getValue()}/".`, {
        fixes: [{ title: 'Add a trailing /', edits: [{ range: { start: dest.getRange().end, end: dest.getRange().end }, newText: '/' }], isPreferred: true }],
      }));
    }
    return out;
  },
};
