import { isRfc3339, typedLabelRule } from './labels';

/** hadolint DL3053: a label the `label-schema` types as `rfc3339` must hold a valid time format: it must conform to RFC 3339 (e.g. 2024-05-01T12:00:00Z). Needs a label-schema to fire. */
export const DL3053 = typedLabelRule({
  id: 'DL3053', title: 'Label is not a valid RFC 3339 time (label-schema type rfc3339)', severity: 'warning', type: 'rfc3339', valid: isRfc3339, what: 'a valid time format: it must conform to RFC 3339 (e.g. 2024-05-01T12:00:00Z)',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01 12:00"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z\n',
    options: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
  },
});
