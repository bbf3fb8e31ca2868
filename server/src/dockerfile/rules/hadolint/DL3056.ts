import { isSemver, typedLabelRule } from './labels';

/** hadolint DL3056: a label the `label-schema` types as `semver` must hold a semantic version (e.g. 1.4.0). Needs a label-schema to fire. */
export const DL3056 = typedLabelRule({
  id: 'DL3056', title: 'Label does not conform to semantic versioning (label-schema type semver)', severity: 'warning', type: 'semver', valid: isSemver, what: 'a semantic version (e.g. 1.4.0)',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1.4\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.4.0\n',
    options: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
  },
});
