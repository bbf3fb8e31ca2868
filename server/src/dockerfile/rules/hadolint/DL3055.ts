import { isGitHash, typedLabelRule } from './labels';

/** hadolint DL3055: a label the `label-schema` types as `hash` must hold a valid git hash (7 or 40 lower-case hex digits). Needs a label-schema to fire. */
export const DL3055 = typedLabelRule({
  id: 'DL3055', title: 'Label is not a valid git hash (label-schema type hash)', severity: 'warning', type: 'hash', valid: isGitHash, what: 'a valid git hash (7 or 40 lower-case hex digits)',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=main\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=4f2a9c1\n',
    options: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
  },
});
