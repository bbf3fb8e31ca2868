import { isUri, typedLabelRule } from './labels';

/** hadolint DL3052: a label the `label-schema` types as `url` must hold a valid URL. Needs a label-schema to fire. */
export const DL3052 = typedLabelRule({
  id: 'DL3052', title: 'Label is not a valid URL (label-schema type url)', severity: 'warning', type: 'url', valid: isUri, what: 'a valid URL',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=github.com/acme/app\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n',
    options: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
  },
});
