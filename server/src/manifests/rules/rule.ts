import type { Rule, RuleMeta } from '../../common/rule';
import type { Fix, Finding, RelatedLocation } from '../../common/types';
import type { ResourceGraph } from '../graph';
import type { FieldPath, Resource } from '../parse';

/** Where a manifest finding points: a resource and a path inside it. */
export interface ManifestHit {
  resource: Resource;
  path: FieldPath;
  /** Point at the key rather than the value. */
  key?: boolean;
  message: string;
  related?: Array<{ resource: Resource; path: FieldPath; message: string }>;
  fixes?: Fix[];
  /** A fix that replaces the value at `path` with `text` (the runner knows the range). */
  replaceValue?: { title: string; text: string };
  severity?: Finding['severity'];
}

export interface ManifestRuleContext {
  /** Every resource of the workspace (all files). */
  resources: Resource[];
  graph: ResourceGraph;
}

export interface ManifestRule extends Omit<Rule<ManifestRuleContext>, 'check'> {
  meta: RuleMeta;
  check(ctx: ManifestRuleContext): ManifestHit[];
}

export const kubeLinterDocs = (check: string) => `https://docs.kubelinter.io/#/generated/checks?id=${check}`;
export const drydockDocs = (id: string) => `https://github.com/drydock-dev/drydock/blob/main/docs/rules/manifests.md#${id.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;

export function hit(resource: Resource, path: FieldPath, message: string, extra: Partial<ManifestHit> = {}): ManifestHit {
  return { resource, path, message, ...extra };
}

export type { RelatedLocation };
