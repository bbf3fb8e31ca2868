import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3045', title: 'COPY to a relative destination without WORKDIR set', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3045'),
  examples: { bad: 'FROM alpine:3.20\nCOPY app.py app/\n', good: 'FROM alpine:3.20\nWORKDIR /srv\nCOPY app.py app/\n' },
};

/** A relative destination lands wherever the base image's WORKDIR points. */
export const DL3045: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      // A stage built on an earlier stage inherits its WORKDIR.
      // True when an earlier stage in the chain sets WORKDIR, or when a base chosen by a variable
      // makes the chain unknown.
      const inherits = (s: typeof stage, depth = 0): boolean => {
        if ((s.base ?? '').includes('$')) return true;
        const parent = s.base ? f.stageNamed(s.base) : undefined;
        if (!parent || parent.index >= s.index || depth > 50) return false;
        return parent.steps.some((x) => x.instruction === 'WORKDIR') || inherits(parent, depth + 1);
      };
      let workdir = inherits(stage);
      for (const step of stage.steps) {
        if (step.instruction === 'WORKDIR') workdir = true;
        if (step.instruction !== 'COPY' || workdir || f.isExecForm(step)) continue;
        const args = f.operands(step);
        const dest = args[args.length - 1];
        if (!dest || args.length < 2) continue;
        const v = dest.getValue();
        if (v.startsWith('/') || v.startsWith('$') || /^[A-Za-z]:/.test(v)) continue;
        out.push(report(meta, dest.getRange(), `"${v}" is relative and no WORKDIR is set in this stage: set WORKDIR or use an absolute path.`));
      }
    }
    return out;
  },
};
