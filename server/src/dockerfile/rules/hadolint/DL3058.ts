import { isEmail, typedLabelRule } from './labels';

/** hadolint DL3058: a label the `label-schema` types as `email` must hold a valid email address (RFC 5322). Needs a label-schema to fire. */
export const DL3058 = typedLabelRule({
  id: 'DL3058', title: 'Label is not a valid RFC 5322 email address (label-schema type email)', severity: 'warning', type: 'email', valid: isEmail, what: 'a valid email address (RFC 5322)',
  examples: {
    bad: 'FROM alpine:3.20\nLABEL maintainer="ops at acme.example"\n',
    good: 'FROM alpine:3.20\nLABEL maintainer=ops@acme.example\n',
    options: { labelSchema: { maintainer: 'email' } },
  },
});
