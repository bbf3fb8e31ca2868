/**
 * Parsing with dockerfile-ast, incrementally.
 *
 * dockerfile-ast parses a whole file at once, and an instruction answers every question (its arguments,
 * flags, heredocs, ranges) by reading the text through the document it was parsed with. Here the parser's
 * own per-instruction step is driven directly, and every instruction gets its own small document over
 * the slice of text it was parsed from, with a line base that can move. After an edit only the
 * instructions around the changed lines are parsed again; the instructions after them are kept and
 * moved down or up by the number of lines the edit added or removed (their positions are updated in
 * place), so an edit costs what it touches, not the file's length.
 *
 * Correctness rests on one property of the parser: between two instructions it carries no state but
 * the escape character, so wherever an instruction starts in both the old and the new text, and the
 * text from there on is the same, the rest parses the same. A re-parse is accepted only when it meets
 * an unchanged old instruction at the same place; otherwise it grows until it does, or covers the file.
 * Edits before the first instruction (where the parser directives live) parse the whole file again.
 */
import { Dockerfile as AstDockerfile } from 'dockerfile-ast/lib/dockerfile';
import { Parser } from 'dockerfile-ast/lib/parser';
import { Util } from 'dockerfile-ast/lib/util';
import type { Instruction } from 'dockerfile-ast';

interface Pos {
  line: number;
  character: number;
}

/** A slice of text (whole lines) that some instructions were parsed from. */
class Fragment {
  readonly lineOffsets: number[];
  constructor(readonly text: string) {
    const offsets = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        offsets.push(i + 1);
      }
    }
    this.lineOffsets = offsets;
  }
}

/**
 * The document one instruction reads through: the fragment's text, with positions in the file's lines
 * (`line0` is the file line of the fragment's first line). Same answers as vscode-languageserver-textdocument.
 */
class NodeDocument {
  constructor(readonly fragment: Fragment, public line0: number) {}

  getText(range?: { start: Pos; end: Pos }): string {
    const text = this.fragment.text;
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  positionAt(offset: number): Pos {
    const text = this.fragment.text;
    const lineOffsets = this.fragment.lineOffsets;
    offset = Math.max(Math.min(offset, text.length), 0);
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lineOffsets[line]);
    return { line: line + this.line0, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Pos): number {
    const lineOffsets = this.fragment.lineOffsets;
    const line = position.line - this.line0;
    if (line >= lineOffsets.length) return this.fragment.text.length;
    if (line < 0) return 0;
    const lineOffset = lineOffsets[line];
    if (position.character <= 0) return lineOffset;
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.fragment.text.length;
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  get lineCount(): number {
    return this.fragment.lineOffsets.length;
  }

  private beforeEol(offset: number, lineOffset: number): number {
    const text = this.fragment.text;
    while (offset > lineOffset) {
      const c = text.charCodeAt(offset - 1);
      if (c !== 13 && c !== 10) break;
      offset--;
    }
    return offset;
  }
}

/** Getters whose answers never change for a parsed instruction; memoised per instruction. */
const MEMOISED = ['getArguments', 'getRawArguments', 'getArgumentsRange', 'getRange', 'getInstructionRange', 'getInstruction', 'getKeyword', 'getFlags', 'getProperties', 'getHeredocs', 'getJSONStrings', 'getOpeningBracket', 'getClosingBracket'];

interface Extra {
  doc: NodeDocument;
  memo: Map<string, unknown>;
  /** Every position the instruction holds (fields and memoised answers); null when it must be collected again. */
  positions: Set<Pos> | null;
}

const EXTRA = new WeakMap<Instruction, Extra>();

function memoise(node: Instruction, extra: Extra): void {
  const target = node as unknown as Record<string, unknown>;
  for (const name of MEMOISED) {
    const fn = target[name];
    if (typeof fn !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (args.length) return (fn as (...a: unknown[]) => unknown).apply(node, args);
      if (extra.memo.has(name)) return extra.memo.get(name);
      const value = (fn as () => unknown).call(node);
      extra.memo.set(name, value);
      extra.positions = null;
      return value;
    };
  }
}

const SKIP = new Set(['document', 'dockerfile', 'escapeChar']);

function collect(value: unknown, into: Set<Pos>, seen: Set<object>): void {
  if (value === null || typeof value !== 'object') return;
  if (seen.has(value)) return;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v.line === 'number' && typeof v.character === 'number') {
    into.add(v as unknown as Pos);
    return;
  }
  if (Array.isArray(value)) {
    for (const x of value) collect(x, into, seen);
    return;
  }
  if (value instanceof Map) {
    for (const x of value.values()) collect(x, into, seen);
    return;
  }
  for (const key of Object.keys(v)) {
    if (SKIP.has(key)) continue;
    const x = v[key];
    if (x !== null && typeof x === 'object') collect(x, into, seen);
  }
}

/** Moves an instruction (and everything it has answered so far) by `lines` lines. */
function shiftNode(node: Instruction, lines: number): void {
  const extra = EXTRA.get(node)!;
  if (!extra.positions) {
    const set = new Set<Pos>();
    collect(node, set, new Set());
    collect(extra.memo, set, new Set());
    extra.positions = set;
  }
  extra.doc.line0 += lines;
  for (const p of extra.positions) p.line += lines;
}

/** Where an instruction sits in the text it belongs to (offsets and lines of the whole file). */
interface Span {
  start: number;
  end: number;
  startLine: number;
  startChar: number;
  endLine: number;
  endChar: number;
}

export interface ParsedDockerfile {
  readonly text: string;
  readonly escape: string;
  readonly instructions: Instruction[];
  /** How the last parse went, for tests and benchmarks: instructions parsed anew and reused. */
  readonly stats: { parsed: number; reused: number; full: boolean };
  /** @internal */
  readonly spans: Span[];
  /** @internal number of lines of `text` */
  readonly lineCount: number;
  /** @internal offset of the first instruction's line (edits before it parse everything again) */
  readonly bodyStart: number;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) n++;
    }
  }
  return n;
}

type ParserInternals = {
  document: NodeDocument;
  buffer: string;
  escapeChar: string;
  getParserDirectives(document: NodeDocument, buffer: string): unknown[];
  processInstruction(dockerfile: AstDockerfile, char: string, start: number): number;
};

/**
 * Parses `fragment` (whole lines of the file, its first line being file line `line0`, starting in a
 * clean state) from `from`, one instruction at a time, each with its own document.
 */
function parseRange(p: ParserInternals, dockerfile: AstDockerfile, fragment: Fragment, line0: number, from: number, base: number): Array<{ node: Instruction; span: Span }> {
  const out: Array<{ node: Instruction; span: Span }> = [];
  const buffer = fragment.text;
  p.buffer = buffer;
  for (let i = from; i < buffer.length; i++) {
    const char = buffer.charAt(i);
    switch (char) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
        break;
      case '#':
        // A comment runs to the end of its line; the model does not keep comments.
        while (i < buffer.length && buffer.charCodeAt(i) !== 13 && buffer.charCodeAt(i) !== 10) i++;
        i--;
        break;
      default: {
        const doc = new NodeDocument(fragment, line0);
        p.document = doc;
        const before = dockerfile.getInstructions().length;
        const end = p.processInstruction(dockerfile, char, i);
        const instructions = dockerfile.getInstructions();
        for (let k = before; k < instructions.length; k++) {
          const node = instructions[k];
          const extra: Extra = { doc, memo: new Map(), positions: null };
          EXTRA.set(node, extra);
          memoise(node, extra);
          const r = node.getRange();
          out.push({ node, span: { start: base + doc.offsetAt(r.start), end: base + doc.offsetAt(r.end), startLine: r.start.line, startChar: r.start.character, endLine: r.end.line, endChar: r.end.character } });
        }
        i = end;
      }
    }
  }
  return out;
}

/** A whole-file parse, the same instructions dockerfile-ast's `DockerfileParser.parse` finds. */
export function parseFull(text: string): ParsedDockerfile {
  const p = new Parser() as unknown as ParserInternals;
  const fragment = new Fragment(text);
  const doc = new NodeDocument(fragment, 0);
  p.document = doc;
  p.buffer = text;
  const dockerfile = new AstDockerfile(doc as never);
  const directives = p.getParserDirectives(doc, text);
  let offset = 0;
  p.escapeChar = '\\';
  if (directives.length > 0) {
    dockerfile.setDirectives(directives as never);
    p.escapeChar = dockerfile.getEscapeCharacter();
    offset = doc.offsetAt({ line: directives.length, character: 0 });
  } else if (Util.isUTF8BOM(text.substring(0, 1))) {
    offset = 1;
  }
  const parsed = parseRange(p, dockerfile, fragment, 0, offset, 0);
  const first = parsed[0]?.span;
  return {
    text,
    escape: p.escapeChar,
    instructions: parsed.map((x) => x.node),
    spans: parsed.map((x) => x.span),
    lineCount: countLines(text),
    bodyStart: first ? first.start - first.startChar : text.length,
    stats: { parsed: parsed.length, reused: 0, full: true },
  };
}

/** Offset of the start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** Offset just after the line break that ends the line holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    if (c === 10) return i + 1;
    i++;
  }
  return text.length;
}

/**
 * Parses `text` reusing what `previous` (the parse of an earlier version of the same file) still
 * holds. The instructions reused are moved in place: `previous` must not be used afterwards.
 */
export function parseIncremental(text: string, previous: ParsedDockerfile | null | undefined): ParsedDockerfile {
  if (!previous) return parseFull(text);
  const old = previous.text;
  if (old === text) return { ...previous, stats: { parsed: 0, reused: previous.instructions.length, full: false } };
  // The changed part: old[p, old.length - s) became text[p, text.length - s).
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  // Never split a \r\n pair between the unchanged and the changed part.
  if (p > 0 && old.charCodeAt(p - 1) === 13) p--;
  if (s > 0 && old.charCodeAt(old.length - s) === 10) s--;
  if (p < previous.bodyStart + 1) return parseFull(text);
  const spans = previous.spans;
  const nodes = previous.instructions;
  const changedStartLine = countLines(old.slice(0, p)) - 1;
  const oldChangedEnd = old.length - s;
  const changedEndLine = countLines(old.slice(0, oldChangedEnd)) - 1;
  // The last instruction that starts on a line before the change: the parser is clean there.
  let first = -1;
  for (let k = nodes.length - 1; k >= 0; k--) {
    if (spans[k].startLine < changedStartLine) {
      first = k;
      break;
    }
  }
  if (first < 0) return parseFull(text);
  const dOffset = text.length - old.length;
  const dLines = countLines(text) - previous.lineCount;
  // The first old instruction wholly after the change, on a later line: where the re-parse must meet the old one.
  let anchor = nodes.length;
  for (let k = first + 1; k < nodes.length; k++) {
    if (spans[k].start >= oldChangedEnd && spans[k].startLine > changedEndLine) {
      anchor = k;
      break;
    }
  }
  const regionStart = lineStartOf(text, spans[first].start);
  const line0 = spans[first].startLine;
  const p2 = new Parser() as unknown as ParserInternals;
  p2.escapeChar = previous.escape;
  for (let tries = 0; ; tries++) {
    const toEnd = anchor >= nodes.length || tries >= 4;
    const regionEnd = toEnd ? text.length : nextLineStart(text, spans[anchor].end + dOffset);
    const fragment = new Fragment(text.slice(regionStart, regionEnd));
    const dockerfile = new AstDockerfile(null as never);
    const parsed = parseRange(p2, dockerfile, fragment, line0, 0, regionStart);
    if (!toEnd) {
      const a = spans[anchor];
      const last = parsed[parsed.length - 1]?.span;
      const met = !!last && last.start === a.start + dOffset && last.end === a.end + dOffset
        && last.startLine === a.startLine + dLines && last.startChar === a.startChar && last.endLine === a.endLine + dLines && last.endChar === a.endChar;
      if (!met) {
        anchor++;
        continue;
      }
    }
    const after = toEnd ? nodes.length : anchor + 1;
    const outNodes = nodes.slice(0, first);
    const outSpans = spans.slice(0, first);
    for (const x of parsed) {
      outNodes.push(x.node);
      outSpans.push(x.span);
    }
    for (let k = after; k < nodes.length; k++) {
      if (dLines !== 0) shiftNode(nodes[k], dLines);
      const o = spans[k];
      outNodes.push(nodes[k]);
      outSpans.push({ start: o.start + dOffset, end: o.end + dOffset, startLine: o.startLine + dLines, startChar: o.startChar, endLine: o.endLine + dLines, endChar: o.endChar });
    }
    return {
      text,
      escape: previous.escape,
      instructions: outNodes,
      spans: outSpans,
      lineCount: previous.lineCount + dLines,
      bodyStart: previous.bodyStart,
      stats: { parsed: parsed.length, reused: outNodes.length - parsed.length, full: false },
    };
  }
}
