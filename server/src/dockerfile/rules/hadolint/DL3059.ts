import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3059', title: 'Multiple consecutive RUN instructions. Consider consolidation.', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3059'),
  examples: { bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\nRUN apk add --no-cache git=2.45.2-r0\n', good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git=2.45.2-r0\n' },
};

/** Each RUN is a layer; consecutive ones with no flags between can often be one. */
export const DL3059: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      for (let k = 1; k < stage.steps.length; k++) {
        const a = stage.steps[k - 1];
        const b = stage.steps[k];
        if (a.instruction !== 'RUN' || b.instruction !== 'RUN') continue;
        if (f.flags(a).length || f.flags(b).length) continue; // different mounts or networks cannot merge
        out.push(report(meta, b.keywordRange, `This RUN directly follows another (line ${a.range.start.line + 1}); joining them with && saves a layer.`, {
          related: [{ range: a.keywordRange, message: 'the previous RUN' }],
        }));
      }
    }
    return out;
  },
};
