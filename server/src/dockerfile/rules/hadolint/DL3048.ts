import { Label } from '../../ast';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3048', title: 'Invalid label key', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3048'),
  examples: { bad: 'FROM alpine:3.20\nLABEL Version..x=1\n', good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0\n' },
};

/** Label keys: lower-case alphanumerics with . and - separators, not starting or ending with one, no doubled separators. */
const VALID = /^[a-z0-9]+([.-][a-z0-9]+)*$/;

export const DL3048: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('LABEL')) {
      if (!(step.node instanceof Label)) continue;
      for (const p of step.node.getProperties()) {
        const key = p.getName().replace(/^["']|["']$/g, '');
        if (key.includes('$') || VALID.test(key)) continue;
        out.push(report(meta, p.getNameRange(), `Label key "${key}" is not in the recommended form (lower-case letters and digits separated by single dots or dashes).`));
      }
    }
    return out;
  },
};
