import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3046', title: 'useradd without flag -l and high UID will result in excessively large Image', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3046'),
  examples: { bad: 'FROM debian:12\nRUN useradd -u 123456 app\n', good: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
};

/** Without -l, useradd writes a sparse lastlog entry sized by the UID, which the layer stores in full. */
export const DL3046: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('useradd').filter((c) => {
      const vals = c.args.map((a) => a.value);
      if (vals.includes('-l') || vals.includes('--no-log-init') || vals.some((v) => /^-[a-zA-Z]*l[a-zA-Z]*$/.test(v))) return false;
      const u = vals.findIndex((v) => v === '-u' || v === '--uid');
      const uid = u >= 0 ? Number(vals[u + 1]) : NaN;
      return Number.isFinite(uid) && uid > 99999;
    }).map((c) => report(meta, f.wordRange(c.command.words[0]), 'useradd with a high UID and no -l writes a huge sparse /var/log/lastlog into the layer: add -l.', {
      fixes: [{ title: 'Add -l', edits: [{ range: f.range(c.command.words[0].end, c.command.words[0].end), newText: ' -l' }], isPreferred: true }],
    }));
  },
};
