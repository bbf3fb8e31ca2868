import type { Finding, Range } from './types';

/** A range `n` lines further down (up when negative). */
export function moveRange(r: Range, n: number): Range {
  return n === 0 ? r : { start: { line: r.start.line + n, character: r.start.character }, end: { line: r.end.line + n, character: r.end.character } };
}

/**
 * A finding `n` lines further down: its range, and the fix edits and related locations in the same file — those
 * without a `path`, or with `samePath` — move with it; those in other files stay. The same finding when `n` is 0.
 */
export function moveFinding(f: Finding, n: number, samePath?: string): Finding {
  if (n === 0) return f;
  const here = (path: string | undefined) => !path || path === samePath;
  return {
    ...f,
    range: moveRange(f.range, n),
    ...(f.fixes ? { fixes: f.fixes.map((x) => (here(x.path) ? { ...x, edits: x.edits.map((e) => ({ ...e, range: moveRange(e.range, n) })) } : x)) } : {}),
    ...(f.related ? { related: f.related.map((x) => (here(x.path) ? { ...x, range: moveRange(x.range, n) } : x)) } : {}),
  };
}
