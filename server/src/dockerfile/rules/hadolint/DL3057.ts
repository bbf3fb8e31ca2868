import type { Finding } from '../../../common/types';
import type { Stage } from '../../model';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3057', title: 'HEALTHCHECK instruction missing', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3057'), off: true,
  examples: {
    bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
    good: 'FROM nginx:1.27 AS web\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nFROM web\nCOPY site/ /usr/share/nginx/html/\n',
  },
};

/**
 * Off by default, as in hadolint (severity "ignore"): give it a severity to turn it on. Every stage needs a
 * HEALTHCHECK (`HEALTHCHECK NONE` counts) of its own or from the earlier stage it is based on, as hadolint
 * checks it. Reported on each such stage's FROM.
 */
export const DL3057: DockerfileRule = {
  meta,
  check(f) {
    const healthy = new Set<Stage>();
    const out: Finding[] = [];
    for (const stage of f.model.stages) {
      const base = stage.base ? f.stageNamed(stage.base) : undefined;
      if (stage.steps.some((s) => s.instruction === 'HEALTHCHECK') || (base && base.index < stage.index && healthy.has(base))) {
        healthy.add(stage);
        continue;
      }
      out.push(report(meta, stage.from.keywordRange, `No HEALTHCHECK${f.model.stages.length > 1 ? ` in stage ${stage.name ?? stage.index}` : ''}: without one, Docker cannot tell a hung container from a healthy one.`));
    }
    return out;
  },
};
