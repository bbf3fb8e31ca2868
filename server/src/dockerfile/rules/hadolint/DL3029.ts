import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3029', title: 'Do not use --platform flag with FROM', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3029'),
  examples: { bad: 'FROM --platform=linux/amd64 alpine:3.20\n', good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
};

/** A hard-coded platform breaks multi-platform builds; a platform variable is fine. */
export const DL3029: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const flag = f.flags(stage.from).find((fl) => fl.name === 'platform');
      if (flag && flag.value && !flag.value.includes('$')) {
        out.push(report(meta, flag.range, `FROM fixes the platform to ${flag.value}; leave it to the build (or use $BUILDPLATFORM / $TARGETPLATFORM).`));
      }
    }
    return out;
  },
};
