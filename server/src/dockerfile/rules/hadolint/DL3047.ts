import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3047', title: 'wget without --progress will result in excessively bloated build logs', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3047'),
  examples: { bad: 'FROM debian:12\nRUN wget https://example.com/a.tgz\n', good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n' },
};

export const DL3047: DockerfileRule = {
  meta,
  check(f) {
    return f.runCommandsNamed('wget').filter((c) => !c.args.some((a) => /^(--progress|-q|--quiet|-nv|--no-verbose|-o|--output-file|-a|--append-output)/.test(a.value)))
      .map((c) => report(meta, f.wordRange(c.command.words[0]), 'wget prints a progress bar line by line into the build log: add --progress=dot:giga (or -q).'));
  },
};
