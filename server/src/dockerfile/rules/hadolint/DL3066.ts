import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3066', title: 'Non-numeric user id may not be resolvable by the host system', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3066'),
  examples: { bad: 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\n', good: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n' },
};

/**
 * USER should name the user by number (the part before `:`): a name only resolves inside the image, so
 * the host and orchestrators (e.g. Kubernetes' runAsNonRoot) cannot verify it. A variable is left alone.
 */
export const DL3066: DockerfileRule = {
  meta,
  check(f) {
    const out: Finding[] = [];
    for (const { step } of f.stepsOf('USER')) {
      const user = step.arguments.trim().split(':')[0];
      if (user === '' || user.includes('$') || /^\d+$/.test(user)) continue;
      out.push(report(meta, step.node.getArgumentsRange() ?? step.range, `USER "${user}" is not a numeric user id: the host system may not be able to resolve it; use the UID (e.g. USER 10001).`));
    }
    return out;
  },
};
