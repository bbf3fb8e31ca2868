import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { labelPairs, labelSchema } from './labels';

const meta = {
  id: 'DL3050', title: 'Superfluous label present (strict-labels)', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3050'),
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0 team=payments\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0\n',
    options: { labelSchema: { 'org.opencontainers.image.version': 'semver' }, strictLabels: true },
  },
};

/** With `strict-labels: true`, a label that the label-schema does not name is superfluous. */
export const DL3050: DockerfileRule = {
  meta,
  check(f) {
    if (!f.ctx.options?.strictLabels) return [];
    const schema = labelSchema(f);
    const out: Finding[] = [];
    for (const p of labelPairs(f)) {
      if (Object.prototype.hasOwnProperty.call(schema, p.key)) continue;
      out.push(report(meta, p.keyRange, `Superfluous label \`${p.key}\`: strict-labels allows only the labels of the label-schema.`));
    }
    return out;
  },
};
