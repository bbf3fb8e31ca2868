import type { Rule, RuleMeta } from '../../common/rule';
import type { Finding, Fix, Range, RelatedLocation } from '../../common/types';
import type { DockerfileFacts } from './facts';

export type DockerfileRule = Rule<DockerfileFacts>;

export const hadolintDocs = (id: string) => `https://github.com/hadolint/hadolint/wiki/${id}`;
export const buildkitDocs = (name: string) =>
  `https://docs.docker.com/reference/build-checks/${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}/`;
export const drydockDocs = (id: string) => `https://github.com/drydock-dev/drydock/blob/main/docs/rules/dockerfile.md#${id.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;

/** A finding of `meta`'s rule at its default severity. */
export function report(meta: RuleMeta, range: Range, message: string, extra: { fixes?: Fix[]; related?: RelatedLocation[] } = {}): Finding {
  return { rule: meta.id, severity: meta.severity, message, range, ...extra };
}
