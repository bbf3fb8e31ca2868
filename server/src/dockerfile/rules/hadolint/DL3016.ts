import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { isSub, managerCommands, packageArgs } from '../packages';

const NPM = ['npm'];
const SUBS = ['install', 'i', 'add'];

const meta = {
  id: 'DL3016', title: 'Pin versions in npm', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3016'),
  examples: { bad: 'FROM node:20-alpine\nRUN npm install -g typescript\n', good: 'FROM node:20-alpine\nRUN npm install -g typescript@5.6.2\n' },
};

/** `npm install name` takes the newest release of the day. */
export const DL3016: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, NPM)
      .filter((c) => isSub(c, NPM, SUBS))
      .flatMap((c) => packageArgs(c, SUBS))
      .filter((w) => {
        const v = w.value;
        if (v.includes('$') || v.startsWith('.') || v.startsWith('/') || /^(git\+|https?:|file:|github:)/.test(v) || /\.tgz$/.test(v)) return false;
        const at = v.lastIndexOf('@');
        return at <= 0; // scoped packages start with @: a version needs a second @
      })
      .map((w) => report(meta, f.wordRange(w), `Pin the version of "${w.value}" (npm install ${w.value}@<version>).`));
  },
};
