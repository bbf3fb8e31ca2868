/**
 * The plain data every analysis speaks: LSP-compatible positions and ranges (0-based line,
 * UTF-16 character), findings and their fixes. No vscode, no LSP library: these are structural
 * twins of the LSP types so the faces can pass them through unchanged.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical fix: edits to the finding's own document, or to `path` when given. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Absolute path of another file the edits apply to; absent means the finding's document. */
  path?: string;
  isPreferred?: boolean;
}

export interface RelatedLocation {
  /** Absolute path; absent means the finding's own document. */
  path?: string;
  range: Range;
  message: string;
}

export interface Finding {
  /** Rule id: hadolint DLxxxx, a BuildKit check name, a kube-linter check name, or ours. */
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function compareFindings(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}
