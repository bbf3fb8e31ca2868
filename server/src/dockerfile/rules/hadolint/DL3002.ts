import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3002', title: 'Last USER should not be root', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3002'),
  examples: { bad: 'FROM alpine:3.20\nUSER root\n', good: 'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl=8.9.0-r0\nUSER 1000\n' },
};

/** The final stage's last USER decides who the container runs as. */
export const DL3002: DockerfileRule = {
  meta,
  check(f) {
    const last = f.model.stages[f.model.stages.length - 1];
    if (!last) return [];
    const users = last.steps.filter((s) => s.instruction === 'USER');
    const user = users[users.length - 1];
    if (!user) return [];
    const name = user.arguments.trim().split(':')[0];
    if (name !== 'root' && name !== '0') return [];
    return [report(meta, user.node.getArgumentsRange() ?? user.range, 'The image runs as root: switch to an unprivileged USER at the end of the final stage.')];
  },
};
