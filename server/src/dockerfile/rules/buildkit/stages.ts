import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';

/** Two stages with one name: `--from` and `--target` can only mean one of them. */
export const DuplicateStageName: DockerfileRule = {
  meta: {
    id: 'DuplicateStageName', title: 'Stage names should be unique', severity: 'error', origin: 'buildkit', docs: buildkitDocs('DuplicateStageName'), aliases: ['DL3024'],
    examples: { bad: 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS build\n', good: 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS test\n' },
  },
  check(f) {
    const seen = new Map<string, number>();
    const out = [];
    for (const stage of f.model.stages) {
      if (!stage.name) continue;
      const first = seen.get(stage.name);
      const r = f.fromNode(stage)?.getBuildStageRange() ?? stage.from.range;
      if (first !== undefined) {
        const other = f.model.stages[first];
        out.push(report(this.meta, r, `Duplicate stage name "${stage.name}": stage names must be unique.`, {
          related: [{ range: f.fromNode(other)?.getBuildStageRange() ?? other.from.range, message: 'first defined here' }],
        }));
      } else seen.set(stage.name, stage.index);
    }
    return out;
  },
};

const RESERVED = new Set(['scratch', 'context']);

export const ReservedStageName: DockerfileRule = {
  meta: {
    id: 'ReservedStageName', title: 'Reserved words should not be used as stage names', severity: 'error', origin: 'buildkit', aliases: ['DL3063'], docs: buildkitDocs('ReservedStageName'),
    examples: { bad: 'FROM alpine:3.20 AS scratch\n', good: 'FROM alpine:3.20 AS base\n' },
  },
  check(f) {
    return f.model.stages.filter((s) => s.name && RESERVED.has(s.name)).map((s) =>
      report(this.meta, f.fromNode(s)?.getBuildStageRange() ?? s.from.range, `"${s.name}" is reserved and cannot name a stage.`));
  },
};

/** FROM --platform=$TARGETPLATFORM is what FROM does anyway. */
export const RedundantTargetPlatform: DockerfileRule = {
  meta: {
    id: 'RedundantTargetPlatform', title: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior', severity: 'warning', origin: 'buildkit', aliases: ['DL3065'], docs: buildkitDocs('RedundantTargetPlatform'),
    examples: { bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', good: 'FROM --platform=$BUILDPLATFORM alpine:3.20\n' },
  },
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const flag = f.flags(stage.from).find((fl) => fl.name === 'platform');
      if (flag && /^\$\{?TARGETPLATFORM\}?$/.test(flag.value ?? '')) {
        out.push(report(this.meta, flag.range, '--platform=$TARGETPLATFORM is the default; remove it.', { fixes: [{ title: 'Remove --platform', edits: [{ range: { start: flag.range.start, end: { line: flag.range.end.line, character: flag.range.end.character + 1 } }, newText: '' }] }] }));
      }
    }
    return out;
  },
};
