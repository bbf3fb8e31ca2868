import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const POINTLESS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig', 'nano', 'systemctl']);

const meta = {
  id: 'DL3001', title: 'Command makes no sense in a container', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3001'),
  examples: { bad: 'FROM debian:12\nRUN service nginx start\n', good: 'FROM debian:12\nRUN nginx -t\n' },
};

/** Interactive tools and service managers do nothing useful while an image is built. */
export const DL3001: DockerfileRule = {
  meta,
  check(f) {
    return f.allRunCommands().filter((c) => POINTLESS.has(c.name)).map((c) =>
      report(meta, f.wordRange(c.command.words[0]), `"${c.name}" does nothing useful during a build: no services run and nobody is at the keyboard.`));
  },
};
