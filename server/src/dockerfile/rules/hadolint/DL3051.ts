import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { labelPairs, labelSchema } from './labels';

const meta = {
  id: 'DL3051', title: 'Label from the label-schema is empty', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3051'),
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.description=""\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.description="Payment API"\n',
    options: { labelSchema: { 'org.opencontainers.image.description': 'text' } },
  },
};

/** A label the label-schema names must not be set to the empty string (whatever its type). */
export const DL3051: DockerfileRule = {
  meta,
  check(f) {
    // Without a label schema no label is expected to have a value.
    if (!f.ctx.options?.labelSchema) return [];
    const schema = labelSchema(f);
    const out: Finding[] = [];
    for (const p of labelPairs(f)) {
      if (!Object.prototype.hasOwnProperty.call(schema, p.key) || p.value !== '') continue;
      out.push(report(meta, p.valueRange, `Label \`${p.key}\` is empty: the label-schema expects a value of type ${schema[p.key]}.`));
    }
    return out;
  },
};
