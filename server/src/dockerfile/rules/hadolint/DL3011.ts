import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3011', title: 'Valid UNIX ports range from 0 to 65535', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3011'),
  examples: { bad: 'FROM alpine:3.20\nEXPOSE 80000\n', good: 'FROM alpine:3.20\nEXPOSE 8080 8000-8010/tcp\n' },
};

export const DL3011: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('EXPOSE')) {
      for (const a of step.node.getArguments()) {
        const v = a.getValue();
        if (v.includes('$')) continue;
        const ports = v.split('/')[0].split(':').pop()!.split('-');
        if (ports.some((p) => /^\d+$/.test(p) && Number(p) > 65535)) out.push(report(meta, a.getRange(), `Port ${v} is outside 0–65535.`));
      }
    }
    return out;
  },
};
