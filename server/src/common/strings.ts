/** Levenshtein distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return row[b.length];
}

/** Bytes for people: 512 B, 7.5 KB, 120 MB (powers of 1024, as image tools print them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** Text for one cell of a markdown table: pipes escaped, line breaks as spaces. */
export const markdownCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The anchor our rule docs give a rule id (`drydock/` dropped, lower-case, runs of other characters as `-`). */
export const ruleAnchor = (id: string): string => id.replace(/^drydock\//, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
