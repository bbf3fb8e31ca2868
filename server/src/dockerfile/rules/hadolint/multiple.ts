import type { RuleMeta } from '../../../common/rule';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

/** Only the last `instruction` of a stage takes effect; earlier ones are dead code. */
function onlyLastCounts(meta: RuleMeta, instruction: string): DockerfileRule {
  return {
    meta,
    check(f) {
      const out = [];
      for (const stage of f.model.stages) {
        // Most stages have at most one: count before gathering.
        let count = 0;
        for (const s of stage.steps) if (s.instruction === instruction) count++;
        if (count < 2) continue;
        const all = stage.steps.filter((s) => s.instruction === instruction);
        for (const s of all.slice(0, -1)) {
          const last = all[all.length - 1];
          out.push(report(meta, s.keywordRange, `Only the last ${instruction} of a stage takes effect; this one (line ${s.range.start.line + 1}) is overridden on line ${last.range.start.line + 1}.`, {
            related: [{ range: last.keywordRange, message: `the ${instruction} that takes effect` }],
          }));
        }
      }
      return out;
    },
  };
}

export const DL4003 = onlyLastCounts({
  id: 'DL4003', title: 'Multiple CMD instructions found', severity: 'warning', origin: 'hadolint', docs: hadolintDocs('DL4003'), aliases: ['MultipleInstructionsDisallowed'],
  examples: { bad: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n', good: 'FROM alpine:3.20 AS one\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]\n' },
}, 'CMD');

export const DL4004 = onlyLastCounts({
  id: 'DL4004', title: 'Multiple ENTRYPOINT instructions found', severity: 'error', origin: 'hadolint', docs: hadolintDocs('DL4004'), aliases: ['MultipleInstructionsDisallowed'],
  examples: { bad: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', good: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nCMD ["b"]\n' },
}, 'ENTRYPOINT');

export const MultipleHealthcheck = onlyLastCounts({
  id: 'MultipleInstructionsDisallowed', title: 'Multiple instructions of the same type should not be used in the same stage', severity: 'warning', origin: 'buildkit', aliases: ['DL3012'],
  docs: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/',
  examples: { bad: 'FROM alpine:3.20\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK CMD ["false"]\n', good: 'FROM alpine:3.20\nHEALTHCHECK CMD ["true"]\n' },
}, 'HEALTHCHECK');
