import type { Finding } from '../../../common/types';
import type { Stage } from '../../model';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { labelPairs, labelSchema } from './labels';

const meta = {
  id: 'DL3049', title: 'Label from the label-schema is missing', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3049'),
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title=app\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20 AS base\nLABEL org.opencontainers.image.version=1.0.0\nFROM base\nCOPY --from=build /app /app\n',
    options: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  },
};

/**
 * Every stage must set each label of the schema, as hadolint checks it: a stage counts as labelled when it
 * has the label or is based on an earlier stage that had it, and a stage that a later `COPY --from` names
 * is only a build step, so it is let off. Reported on each unlabelled stage's FROM.
 */
export const DL3049: DockerfileRule = {
  meta,
  check(f) {
    const labels = Object.keys(labelSchema(f));
    if (labels.length === 0) return [];
    const stages = f.model.stages;
    const setIn = new Map<Stage, Set<string>>();
    for (const p of labelPairs(f)) if (p.stage) (setIn.get(p.stage) ?? setIn.set(p.stage, new Set()).get(p.stage)!).add(p.key);
    // Stages a later COPY --from names (by name or index): build steps whose labels do not matter.
    const copiedFrom = new Set<Stage>();
    for (const { step, stage } of f.stepsOf('COPY')) {
      const from = f.flags(step).find((fl) => fl.name === 'from')?.value;
      if (!from || !stage) continue;
      const source = /^\d+$/.test(from) ? stages[Number(from)] : f.stageNamed(from);
      if (source && source.index < stage.index) copiedFrom.add(source);
    }
    const out: Finding[] = [];
    for (const label of labels) {
      const labelled = new Set<Stage>();
      for (const stage of stages) {
        const base = stage.base ? f.stageNamed(stage.base) : undefined;
        if (setIn.get(stage)?.has(label) || (base && base.index < stage.index && labelled.has(base))) {
          labelled.add(stage);
          continue;
        }
        if (copiedFrom.has(stage)) continue;
        out.push(report(meta, stage.from.keywordRange, `Label \`${label}\` is missing${stages.length > 1 ? ` in stage ${stage.name ?? stage.index}` : ''}: the label-schema asks for it.`));
      }
    }
    return out;
  },
};
