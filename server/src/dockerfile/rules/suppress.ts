import type { Finding } from '../../common/types';
import type { DockerfileFacts } from './facts';

/**
 * The suppressions users already write:
 * - `# hadolint ignore=DL3008,DL3009` on the lines right above an instruction (that instruction only),
 * - `# hadolint global ignore=DL3008` anywhere (the whole file),
 * - BuildKit's parser directive `# check=skip=Rule1,Rule2` (or `skip=all`) at the top of the file,
 * - our own `# drydock-ignore RULE[,RULE]` above an instruction, and `# drydock-ignore-file RULE`.
 */
export interface Suppressions {
  global: Set<string>;
  all: boolean;
  /** Instruction start line → ids ignored for that instruction. */
  byLine: Map<number, Set<string>>;
  /** Instruction ranges (start line, end line), in order, to map a finding to its instruction. */
  spans: Array<[number, number]>;
  /** Line → start line of the instruction covering it (-1 when none). */
  ownerOfLine: Int32Array;
}

const ids = (list: string) => list.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

export function readSuppressions(facts: DockerfileFacts): Suppressions {
  const global = new Set<string>();
  let all = false;
  const byLine = new Map<number, Set<string>>();
  const text = facts.text;
  const lineCount = facts.lines.lineCount;
  // Parser directives: only in the leading comment block, before any instruction or blank line.
  for (let line = 0; line < lineCount; line++) {
    const t = facts.lines.lineText(line);
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(.*?)\s*$/.exec(t);
    if (!m) break;
    if (m[1].toLowerCase() === 'check') {
      for (const part of m[2].split(';')) {
        const [k, v] = part.split('=').map((s) => s.trim());
        if (k?.toLowerCase() === 'skip' && v !== undefined) {
          for (const id of ids(v)) {
            if (id.toLowerCase() === 'all') all = true;
            else global.add(id);
          }
        }
      }
    }
  }
  // hadolint's disable-ignore-pragma: its own comments no longer suppress anything (ours and BuildKit's still do).
  const hadolintPragmas = !facts.ctx.options?.disableIgnorePragma;
  const spans: Array<[number, number]> = facts.steps.map(({ step }) => [step.range.start.line, step.range.end.line]);
  spans.sort((a, b) => a[0] - b[0]);
  // Only lines with a '#' can hold a suppression: visit those (in order), not every line.
  let span = 0;
  let lastLine = -1;
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    const line = facts.lines.positionAt(at).line;
    if (line === lastLine) continue;
    lastLine = line;
    const t = facts.lines.lineText(line);
    let m = /^\s*#\s*hadolint\s+global\s+ignore\s*=\s*(.+)$/i.exec(t);
    if (m && !hadolintPragmas) continue;
    if (m) {
      for (const id of ids(m[1])) global.add(id);
      continue;
    }
    m = (hadolintPragmas ? /^\s*#\s*hadolint\s+ignore\s*=\s*(.+)$/i.exec(t) : null) ?? /^\s*#\s*drydock-ignore\s+(.+)$/i.exec(t);
    if (m) {
      // For the next instruction that starts after this line.
      while (span < spans.length && spans[span][0] <= line) span++;
      if (span < spans.length) {
        const start = spans[span][0];
        const set = byLine.get(start) ?? new Set<string>();
        for (const id of ids(m[1])) set.add(id);
        byLine.set(start, set);
      }
      continue;
    }
    m = /^\s*#\s*drydock-ignore-file\s+(.+)$/i.exec(t);
    if (m) for (const id of ids(m[1])) global.add(id);
  }
  void text;
  const ownerOfLine = new Int32Array(lineCount).fill(-1);
  for (const [start, end] of spans) for (let l = start; l <= end && l < lineCount; l++) ownerOfLine[l] = start;
  return { global, all, byLine, spans, ownerOfLine };
}

/** True when a finding (under any of the rule's ids) is suppressed. */
export function isSuppressed(s: Suppressions, finding: Finding, ruleIds: string[]): boolean {
  if (s.all) return true;
  if (ruleIds.some((id) => s.global.has(id))) return true;
  const line = finding.range.start.line;
  const start = line < s.ownerOfLine.length ? s.ownerOfLine[line] : -1;
  if (start < 0) return false;
  const ignored = s.byLine.get(start);
  return !!ignored && ruleIds.some((id) => ignored.has(id));
}
