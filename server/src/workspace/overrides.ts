import type { Finding, Severity } from '../common/types';

/** A user's choice per rule id: turn it off or give it another severity. */
export type RuleSetting = 'off' | Severity;
export type RuleOverrides = Record<string, RuleSetting>;

const VALID = new Set<RuleSetting>(['off', 'error', 'warning', 'info', 'hint']);

/** Keeps only well-formed entries of a user-supplied overrides object. */
export function sanitizeOverrides(value: unknown): RuleOverrides {
  const out: RuleOverrides = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [rule, setting] of Object.entries(value as Record<string, unknown>)) {
    if (typeof setting === 'string' && VALID.has(setting as RuleSetting)) out[rule] = setting as RuleSetting;
  }
  return out;
}

/** Applies overrides: drops findings of rules set to "off" and re-grades the others. */
export function applyOverrides(findings: Finding[], overrides: RuleOverrides): Finding[] {
  if (Object.keys(overrides).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.rule];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
