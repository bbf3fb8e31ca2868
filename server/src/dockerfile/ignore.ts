import ignore from '@balena/dockerignore';

/**
 * .dockerignore semantics, through @balena/dockerignore (a port of Docker's own pattern matcher):
 * `**`, `?`, character classes, `!` exceptions, a leading `/` dropped, the last matching pattern
 * wins, and a path is excluded when it or a parent directory matches.
 */
export interface IgnoreMatcher {
  ignores(contextPath: string): boolean;
  /** True when some `!` pattern could re-include files below an excluded directory. */
  hasExceptions: boolean;
  patterns: string[];
}

export function parseDockerignore(text: string | null | undefined): IgnoreMatcher {
  const patterns = (text ?? '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const ig = ignore().add(patterns);
  return {
    ignores: (p: string) => p !== '' && p !== '.' && ig.ignores(p),
    hasExceptions: patterns.some((p) => p.startsWith('!')),
    patterns,
  };
}
