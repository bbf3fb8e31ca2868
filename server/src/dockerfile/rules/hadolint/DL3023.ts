import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3023', title: 'COPY --from cannot reference its own FROM alias', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3023'),
  examples: { bad: 'FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n', good: 'FROM alpine:3.20 AS base\nFROM base AS app\nCOPY --from=base /a /b\n' },
};

export const DL3023: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step, stage } of f.stepsOf('COPY')) {
      const from = f.flags(step).find((fl) => fl.name === 'from');
      if (!from?.value || !stage) continue;
      if (stage.name && from.value.toLowerCase() === stage.name) {
        out.push(report(meta, from.valueRange ?? from.range, `"${from.value}" is the stage this COPY is in; a stage cannot copy from itself.`));
      }
    }
    return out;
  },
};
