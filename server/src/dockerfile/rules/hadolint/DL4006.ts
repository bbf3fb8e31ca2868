import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL4006', title: 'Set the SHELL option -o pipefail before RUN with a pipe in it', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL4006'),
  examples: {
    bad: 'FROM debian:12\nRUN wget -qO- https://example.com/install.sh | sh\n',
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com/install.sh | sh\n',
  },
};

/** Without pipefail only the last command of a pipe decides success, so a failed download passes. */
export const DL4006: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      let pipefail = false;
      for (const step of stage.steps) {
        if (step.instruction === 'SHELL') pipefail = /pipefail/.test(step.arguments);
        if (step.instruction !== 'RUN' || pipefail || f.isExecForm(step)) continue;
        const cmds = f.runCommands(step, stage);
        const piped = cmds.find((c) => c.command.op === '|');
        if (!piped) continue;
        if (cmds.some((c) => c.name === 'set' && c.args.some((a) => a.value === 'pipefail'))) continue;
        out.push(report(meta, f.commandRange(piped), 'A failure before the pipe goes unnoticed: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or "set -o pipefail &&") first.'));
      }
    }
    return out;
  },
};
