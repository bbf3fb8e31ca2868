import { Label } from '../../ast';
import * as semver from 'semver';
import SPDX_IDS from 'spdx-license-ids/index.json';
import SPDX_DEPRECATED from 'spdx-license-ids/deprecated.json';
import type { RuleMeta } from '../../../common/rule';
import type { Finding, Range, Severity } from '../../../common/types';
import type { Stage, Step } from '../../model';
import type { DockerfileFacts } from '../facts';
import type { LabelType } from '../options';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

/** One `key=value` of a LABEL instruction, unquoted. */
export interface LabelPair {
  key: string;
  value: string;
  step: Step;
  stage: Stage | null;
  keyRange: Range;
  /** The value's range (the key's when the value is empty). */
  valueRange: Range;
}

/** Every label the file sets, in file order. */
export function labelPairs(f: DockerfileFacts): readonly LabelPair[] {
  return f.shared('labelPairs', readLabelPairs);
}

function readLabelPairs(f: DockerfileFacts): LabelPair[] {
  const out: LabelPair[] = [];
  for (const { step, stage } of f.stepsOf('LABEL')) {
    if (!(step.node instanceof Label)) continue;
    for (const p of step.node.getProperties()) {
      const key = p.getName().replace(/^["']|["']$/g, '');
      out.push({ key, value: p.getValue() ?? '', step, stage, keyRange: p.getNameRange(), valueRange: p.getValueRange() ?? p.getNameRange() });
    }
  }
  return out;
}

/** The label schema the rules run with ({} when none is configured). */
export const labelSchema = (f: DockerfileFacts): Record<string, LabelType> => f.ctx.options?.labelSchema ?? {};

// ---- value checks, as hadolint's libraries define them ----

/** RFC 3986 absolute URI (`scheme:` then URI characters, `%` only as an escape), like Network.URI.parseURI. */
export function isUri(v: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(v);
  if (!m) return false;
  const rest = m[2];
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(rest)) return false;
  // At most one fragment, and no '#' or '[' / ']' outside where the grammar allows them.
  const hash = rest.indexOf('#');
  const beforeFragment = hash >= 0 ? rest.slice(0, hash) : rest;
  if (hash >= 0 && rest.indexOf('#', hash + 1) >= 0) return false;
  if (/[[\]]/.test(beforeFragment)) {
    // Brackets only around an IP literal host: //[v6]...
    if (!/^\/\/(?:[^/?#@]*@)?\[[0-9A-Fa-f:.vV]+\](?::\d*)?(?:[/?].*)?$/s.test(beforeFragment)) return false;
  }
  if (hash >= 0 && /[[\]]/.test(rest.slice(hash + 1))) return false;
  return true;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with real calendar dates. */
export function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && day === 29 && !leap) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

const SPDX = new Set<string>([...(SPDX_IDS as string[]), ...(SPDX_DEPRECATED as string[])]);

/** An SPDX license identifier of the SPDX license list (not an expression, exact case), as hadolint's Cabal parser wants. */
export const isSpdxId = (v: string): boolean => SPDX.has(v);

/** A git commit hash: 7 or 40 lower-case hex digits (hadolint's rule). */
export const isGitHash = (v: string): boolean => /^(?:[0-9a-f]{7}|[0-9a-f]{40})$/.test(v);

/** Semantic Versioning 2.0.0, strictly (no `v` prefix, no surrounding spaces). */
export const isSemver = (v: string): boolean => /^\d/.test(v) && v.trim() === v && semver.parse(v) !== null;

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_ATOM = `${ATEXT}(?:\\.${ATEXT})*`;
const QUOTED = '"(?:[^"\\\\\\r\\n]|\\\\[\\x20-\\x7e\\t])*"';
const DOMAIN_LITERAL = '\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]';
const ADDR_SPEC = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

/** An RFC 5322 addr-spec (`local@domain`; no display name), as hadolint's email-validate checks. */
export const isEmail = (v: string): boolean => v.length <= 254 && ADDR_SPEC.test(v);

// ---- the rules that check one schema type ----

interface TypedRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  type: LabelType;
  valid: (value: string) => boolean;
  what: string;
  examples: { bad: string; good: string; options: { labelSchema: Record<string, LabelType> } };
}

/**
 * A label of the schema with type `type` must have a value that `valid` accepts. Values with a variable
 * (`$VERSION`) are left alone: their value is only known at build time.
 */
export function typedLabelRule(spec: TypedRuleSpec): DockerfileRule {
  const meta: RuleMeta = { id: spec.id, title: spec.title, severity: spec.severity, origin: 'hadolint', docs: hadolintDocs(spec.id), examples: spec.examples };
  return {
    meta,
    check(f) {
      // Without a label schema no label has a type to check.
      if (!f.ctx.options?.labelSchema) return [];
      const schema = labelSchema(f);
      const out: Finding[] = [];
      for (const p of labelPairs(f)) {
        if (schema[p.key] !== spec.type || p.value === '' || p.value.includes('$')) continue;
        if (!spec.valid(p.value)) out.push(report(meta, p.valueRange, `Label \`${p.key}\` is not ${spec.what}: "${p.value}".`));
      }
      return out;
    },
  };
}
