import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';

const bk = (id: string, title: string, bad: string, good: string, severity: 'warning' | 'error' = 'warning') => ({
  id, title, severity, origin: 'buildkit' as const, docs: buildkitDocs(id), examples: { bad, good },
});

/** Stage names are compared in lower case; upper case in a name only misleads. */
export const StageNameCasing: DockerfileRule = {
  meta: bk('StageNameCasing', 'Stage names should be lowercase', 'FROM alpine:3.20 AS Build\n', 'FROM alpine:3.20 AS build\n'),
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const from = f.fromNode(stage);
      const name = from?.getBuildStage();
      const r = from?.getBuildStageRange();
      if (name && r && name !== name.toLowerCase()) {
        out.push(report(this.meta, r, `Stage name "${name}" should be lower case.`, { fixes: [{ title: `Rename to ${name.toLowerCase()}`, edits: [{ range: r, newText: name.toLowerCase() }], isPreferred: true }] }));
      }
    }
    return out;
  },
};

/** The AS keyword should match the FROM keyword's casing. */
export const FromAsCasing: DockerfileRule = {
  meta: bk('FromAsCasing', "The 'as' keyword should match the case of the 'from' keyword", 'FROM alpine:3.20 as build\n', 'FROM alpine:3.20 AS build\n'),
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const kw = stage.from.node.getInstruction();
      const asArg = stage.from.node.getArguments().find((a) => a.getValue().toLowerCase() === 'as');
      if (!asArg) continue;
      const upper = kw === kw.toUpperCase();
      const asV = asArg.getValue();
      if ((upper && asV !== 'AS') || (!upper && kw === kw.toLowerCase() && asV !== 'as')) {
        const want = upper ? 'AS' : 'as';
        out.push(report(this.meta, asArg.getRange(), `'${asV}' and '${kw}' keywords' casing do not match: write '${want}'.`, { fixes: [{ title: `Write ${want}`, edits: [{ range: asArg.getRange(), newText: want }], isPreferred: true }] }));
      }
    }
    return out;
  },
};

/** Instructions should all be upper case or all lower case; the majority decides. */
export const ConsistentInstructionCasing: DockerfileRule = {
  meta: bk('ConsistentInstructionCasing', 'All commands within the Dockerfile should use the same casing (either upper or lower)', 'FROM alpine:3.20\nrun echo hi\n', 'FROM alpine:3.20\nRUN echo hi\n'),
  check(f) {
    let upper = 0;
    let lower = 0;
    for (const { step } of f.steps) {
      const kw = step.node.getInstruction();
      if (kw === kw.toUpperCase()) upper++;
      if (kw === kw.toLowerCase()) lower++;
    }
    const wantUpper = upper >= lower;
    // Every keyword in the majority's case (the usual file): nothing to report.
    if ((wantUpper ? upper : lower) === f.steps.length) return [];
    return f.steps
      .map(({ step }) => ({ step, kw: step.node.getInstruction() }))
      .filter((k) => (wantUpper ? k.kw !== k.kw.toUpperCase() : k.kw !== k.kw.toLowerCase()))
      .map((k) => {
        const want = wantUpper ? k.kw.toUpperCase() : k.kw.toLowerCase();
        return report(this.meta, k.step.keywordRange, `Command '${k.kw}' should match the case of the other commands ('${want}').`, { fixes: [{ title: `Write ${want}`, edits: [{ range: k.step.keywordRange, newText: want }], isPreferred: true }] });
      });
  },
};
