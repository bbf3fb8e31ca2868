import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3025', title: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3025'),
  aliases: ['JSONArgsRecommended'],
  examples: { bad: 'FROM alpine:3.20\nCMD node server.js\n', good: 'FROM alpine:3.20\nCMD ["node", "server.js"]\n' },
};

/** Shell form runs under /bin/sh -c, so the process does not get signals (SIGTERM) and stops slowly. */
export const DL3025: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('CMD', 'ENTRYPOINT')) {
      const args = step.arguments.trim();
      if (!args || f.isExecForm(step)) continue;
      if (args.startsWith('[')) continue; // malformed exec form: invalid-json-form says more
      const words = step.node.getArguments().map((a) => a.getValue());
      const canConvert = !/[|&;<>$`*?(){}\\'"]/.test(args);
      out.push(report(meta, step.node.getArgumentsRange() ?? step.range, `${step.instruction} in shell form runs under /bin/sh -c, so the process misses signals such as SIGTERM; use JSON (exec) form.`, {
        fixes: canConvert ? [{ title: 'Convert to exec form', edits: [{ range: step.node.getArgumentsRange()!, newText: JSON.stringify(words).replace(/","/g, '", "') }], isPreferred: true }] : undefined,
      }));
    }
    return out;
  },
};
