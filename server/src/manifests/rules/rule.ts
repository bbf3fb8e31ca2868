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
  /**
   * Fixes written as paths, resolved by the runner into ranges (and into another file when `resource`
   * lives elsewhere): each edit replaces the value at `path`, or with `insertAfterLine` inserts lines after
   * the line where the value at `path` ends, `newText` being lines indented relative to the key at `path`.
   */
  pathFixes?: Array<{ title: string; resource: Resource; edits: Array<{ path: FieldPath; newText: string; insertAfterLine?: boolean }>; isPreferred?: boolean }>;
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

/** A label value or name as YAML writes it: plain when it cannot be read as anything but a string. */
export function yamlScalar(v: string): string {
  return /^[A-Za-z][A-Za-z0-9._/-]*$/.test(v) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(v) ? v : JSON.stringify(v);
}
