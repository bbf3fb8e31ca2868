/** The value types hadolint's `label-schema` knows (DL3049–DL3058). */
export type LabelType = 'text' | 'url' | 'semver' | 'hash' | 'rfc3339' | 'spdx' | 'email';

export const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'];

/**
 * What the user configured for the Dockerfile rules (from `.hadolint.yaml`, read by the workspace layer,
 * and from Drydock's own rule settings). Plain data: the rules stay pure. Part of the key under which
 * stage findings are kept between analyses, so a changed configuration re-checks every stage.
 */
export interface DockerfileRuleOptions {
  /** Ids of rules that are off by default (hadolint's severity "ignore": DL1001, DL3057) and turned on. */
  enable?: string[];
  /** DL3026: registries a FROM image may come from; empty or absent means any. */
  trustedRegistries?: string[];
  /** DL3049–DL3058: label name → the type its value must have. */
  labelSchema?: Record<string, LabelType>;
  /** DL3050: labels outside `labelSchema` are superfluous. */
  strictLabels?: boolean;
  /** hadolint's `disable-ignore-pragma`: `# hadolint ignore=` and `# hadolint global ignore=` comments are not honoured. */
  disableIgnorePragma?: boolean;
}
