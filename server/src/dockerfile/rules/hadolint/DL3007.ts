import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3007', title: 'Using latest is prone to errors', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3007'),
  examples: { bad: 'FROM node:latest\n', good: 'FROM node:20.17-alpine\n' },
};

/** `:latest` moves: builds stop being reproducible. */
export const DL3007: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const from = f.fromNode(stage);
      if (from?.getImageTag() === 'latest' && !from.getImageDigest()) {
        out.push(report(meta, from.getImageTagRange() ?? stage.from.range, `"${from.getImage()}" uses :latest; pin a version so the build is reproducible.`));
      }
    }
    return out;
  },
};
