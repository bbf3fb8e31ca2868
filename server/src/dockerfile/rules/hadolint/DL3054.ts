import { isSpdxId, typedLabelRule } from './labels';

/** hadolint DL3054: a label the `label-schema` types as `spdx` must hold a valid SPDX license identifier (e.g. MIT, Apache-2.0). Needs a label-schema to fire. */
export const DL3054 = typedLabelRule({
  id: 'DL3054', title: 'Label is not a valid SPDX license identifier (label-schema type spdx)', severity: 'warning', type: 'spdx', valid: isSpdxId, what: 'a valid SPDX license identifier (e.g. MIT, Apache-2.0)',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache 2"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=Apache-2.0\n',
    options: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
  },
});
