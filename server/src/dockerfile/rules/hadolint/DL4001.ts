import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL4001', title: 'Either use Wget or Curl but not both', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL4001'),
  examples: { bad: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a && wget -q https://example.com/b\n', good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b\n' },
};

/** Two download tools for one job means two sets of dependencies in the image. */
export const DL4001: DockerfileRule = {
  meta,
  check(f) {
    const curl = f.runCommandsNamed('curl');
    const wget = f.runCommandsNamed('wget');
    if (!curl.length || !wget.length) return [];
    return wget.map((c) => report(meta, f.wordRange(c.command.words[0]), 'This Dockerfile uses both curl and wget; pick one to keep the image smaller.', {
      related: [{ range: f.wordRange(curl[0].command.words[0]), message: 'curl is used here' }],
    }));
  },
};
