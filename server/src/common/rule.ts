import type { Finding, Severity } from './types';

/** Where a rule id comes from; users keep the ids they already know. */
export type RuleOrigin = 'hadolint' | 'buildkit' | 'dockerfile-utils' | 'kube-linter' | 'kube-score' | 'polaris' | 'kubernetes' | 'drydock';

/**
 * Metadata every rule module carries. `examples.bad` must produce at least one finding of this
 * rule and `examples.good` none: the test suite runs every example automatically.
 */
export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  origin: RuleOrigin;
  /** Link to the rule's documentation (used as the LSP diagnostic's codeDescription). */
  docs: string;
  /**
   * `options`: the rule options both examples run with (for rules that need configuration, e.g. a
   * Dockerfile label schema); the examples test also turns on a rule that is off by default.
   */
  examples: { bad: string; good: string; options?: Record<string, unknown> };
  /** Off unless the user gives it a severity (hadolint's default severity "ignore"); `severity` is then only the fallback. */
  off?: boolean;
  /** Other ids with the same meaning (e.g. hadolint's and BuildKit's); suppressing any of them suppresses this rule. */
  aliases?: string[];
}

/** A rule: metadata plus a pure check over the context its area defines. */
export interface Rule<Ctx> {
  meta: RuleMeta;
  check(ctx: Ctx): Finding[];
}
