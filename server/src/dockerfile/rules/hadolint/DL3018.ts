import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { isSub, managerCommands, packageArgs } from '../packages';

const APK = ['apk'];
const SUBS = ['add'];

const meta = {
  id: 'DL3018', title: 'Pin versions in apk add', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3018'),
  examples: { bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n' },
};

export const DL3018: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, APK)
      .filter((c) => isSub(c, APK, SUBS))
      .flatMap((c) => packageArgs(c, SUBS))
      .filter((w) => !/[=<>~]/.test(w.value) && !w.value.includes('$') && !w.value.endsWith('.apk'))
      .map((w) => report(meta, f.wordRange(w), `Pin the version of "${w.value}" (apk add ${w.value}=<version>).`));
  },
};
