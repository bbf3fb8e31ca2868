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
  // Line → start line of the instruction covering it; an instruction's start line is its own owner.
  const ownerOfLine = new Int32Array(lineCount).fill(-1);
  for (const { step } of facts.steps) {
    const start = step.range.start.line;
    for (let l = start; l <= step.range.end.line && l < lineCount; l++) ownerOfLine[l] = start;
  }
  // Only lines with a '#' can hold a suppression: visit those (in order), not every line.
  let next = 0;
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
      if (next <= line) next = line + 1;
      while (next < lineCount && ownerOfLine[next] !== next) next++;
      if (next < lineCount) {
        const set = byLine.get(next) ?? new Set<string>();
        for (const id of ids(m[1])) set.add(id);
        byLine.set(next, set);
      }
      continue;
    }
    m = /^\s*#\s*drydock-ignore-file\s+(.+)$/i.exec(t);
    if (m) for (const id of ids(m[1])) global.add(id);
  }
  return { global, all, byLine, ownerOfLine };
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
