import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { hasOption, isSub, managerCommands, subcommandIndex } from '../packages';

const meta = {
  id: 'DL3019', title: 'Use the --no-cache switch with apk add', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3019'),
  examples: { bad: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n', good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n' },
};

const APK = ['apk'];
const ADD = ['add'];

/** Without --no-cache the package index stays in the layer. */
export const DL3019: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const c of managerCommands(f, APK)) {
      if (!isSub(c, APK, ADD) || hasOption(c, '--no-cache')) continue;
      if (f.flags(c.step).some((fl) => fl.name === 'mount' && /\/var\/cache\/apk/.test(fl.value ?? ''))) continue;
      const sub = c.args[subcommandIndex(c, ADD)];
      out.push(report(meta, f.wordRange(sub), 'apk add leaves its package index in the layer: add --no-cache.', {
        fixes: [{ title: 'Add --no-cache', edits: [{ range: f.range(sub.end, sub.end), newText: ' --no-cache' }], isPreferred: true }],
      }));
    }
    return out;
  },
};
