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
import * as dockerfileAst from 'dockerfile-ast';
import { Instruction as AstInstruction, type Instruction } from 'dockerfile-ast';

interface Pos {
  line: number;
  character: number;
}

/** A slice of text (whole lines) that some instructions were parsed from. */
class Fragment {
  readonly lineOffsets: number[];
  constructor(readonly text: string) {
    const offsets = [0];
    if (text.indexOf('\r') < 0) {
      // Only \n line ends (the common case): let indexOf find them.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 || c === 10) {
          if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
          offsets.push(i + 1);
        }
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

/**
 * Getters whose answers never change for a parsed instruction and cost a scan of its text: memoised per
 * instruction. Trivial field reads (getRange, getInstructionRange, getInstruction) are left alone.
 */
const MEMOISED = [
  'getArguments', 'getArgumentsRange', 'getKeyword', 'getFlags', 'getProperties', 'getHeredocs', 'getJSONStrings',
  'getOpeningBracket', 'getClosingBracket', 'getVariables', 'getImage', 'getImageName', 'getImageRange', 'getImageTag',
  'getImageTagRange', 'getImageDigest', 'getImageDigestRange', 'getBuildStage', 'getBuildStageRange',
] as const;

const UNSET = Symbol('unset');
/** In a memo slot while the getter runs: a `super.getX()` call inside it must run the parent's getter, not read the slot. */
const BUSY = Symbol('busy');

/** One slot per memoised getter, by its index in MEMOISED (an array: every wrapper reads its own constant index). */
type Memo = unknown[];
const newMemo = (): Memo => new Array<unknown>(MEMOISED.length).fill(UNSET);

/**
 * What other modules keep with an instruction parsed here. It stays with the instruction across
 * incremental parses (positions inside it that are the instruction's own objects move with it).
 * Kept on the instruction rather than in WeakMaps: a WeakMap entry per instruction per analysis made
 * garbage collection the largest share of a parse's cost.
 */
export interface InstructionData {
  /** The model's step (model.ts). */
  step: unknown;
  /** The shell commands of a RUN (rules/facts.ts). */
  shell: unknown;
  /** Findings kept for the stage this instruction starts (rules/index.ts). */
  stageFindings: unknown;
  /** The estimated size of a RUN (plan.ts); undefined until estimated. */
  estimate: unknown;
  /** What a FROM says of its stage (model.ts): name and base. */
  stage: unknown;
  /** The instruction's own syntax findings (syntax.ts), whose ranges are the instruction's and move with it. */
  syntax: unknown;
}

interface Extra extends InstructionData {
  doc: NodeDocument;
  /** Made at the first memoised call. */
  memo: Memo | null;
  /** Every position the instruction holds (fields and memoised answers); null when it must be collected again. */
  positions: Set<Pos> | null;
}

/** Where an instruction parsed here keeps its Extra; instructions parsed by anyone else have none. */
const EXTRA_KEY = '__drydockExtra';
/** The raw arguments of an instruction parsed here, read once (see rawArgumentsOnce). */
const RAW_KEY = '__drydockRawArguments';

type Getter = (this: unknown, ...args: unknown[]) => unknown;
type Self = Record<string, unknown>;

/**
 * The memo lives on dockerfile-ast's prototypes, installed once: each class's own getter is wrapped so
 * that, for an instruction parsed here (it has an Extra), the first answer is kept and given again. An
 * instruction parsed by anyone else in the process (it has no Extra) runs the class's getter as before.
 * Answers are shared, not copied: callers must not mutate them (the raw arguments, which dockerfile-ast
 * itself mutates, are the exception, handed out as copies).
 */
function memoGetter(slot: number, original: Getter): Getter {
  return function (this: unknown) {
    const extra = (this as Self)[EXTRA_KEY] as Extra | undefined;
    // eslint-disable-next-line prefer-rest-params
    if (extra === undefined || arguments.length !== 0) return original.apply(this, arguments as unknown as unknown[]);
    const memo = (extra.memo ??= newMemo());
    const hit = memo[slot];
    if (hit === BUSY) return original.call(this);
    if (hit !== UNSET) return hit;
    memo[slot] = BUSY;
    let value: unknown;
    try {
      value = original.call(this);
    } finally {
      memo[slot] = UNSET;
    }
    memo[slot] = value;
    extra.positions = null;
    return value;
  };
}

const instructionProto = AstInstruction.prototype as unknown as { getRawArguments: Getter };
const rawArgumentsPlain = instructionProto.getRawArguments;

/** getRawArguments for an instruction parsed here: scanned once, a copy each time (ModifiableInstruction.getArguments shifts the flags off it). */
function rawArgumentsOnce(this: unknown): unknown {
  const self = this as Self;
  return ((self[RAW_KEY] ??= rawArgumentsPlain.call(this)) as unknown[]).slice();
}

/** Non-zero while Drydock's own parse runs (its instructions have no Extra yet while they are built). */
let parsing = 0;

const rawArgumentsMemo: Getter = function (this: unknown) {
  // eslint-disable-next-line prefer-rest-params
  if (arguments.length !== 0 || (parsing === 0 && (this as Self)[EXTRA_KEY] === undefined)) return rawArgumentsPlain.apply(this, arguments as unknown as unknown[]);
  return rawArgumentsOnce.call(this);
};

(function installMemo(): void {
  const protos = new Set<object>();
  for (const value of Object.values(dockerfileAst)) {
    if (typeof value !== 'function' || !(value.prototype instanceof AstInstruction || value === AstInstruction)) continue;
    for (let p = value.prototype as object; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object) {
      if (p === AstInstruction.prototype || p instanceof AstInstruction) protos.add(p);
    }
  }
  for (const proto of protos) {
    const own = proto as Record<string, Getter>;
    MEMOISED.forEach((name, slot) => {
      if (Object.prototype.hasOwnProperty.call(own, name) && typeof own[name] === 'function') own[name] = memoGetter(slot, own[name]);
    });
  }
  instructionProto.getRawArguments = rawArgumentsMemo;
})();

/**
 * dockerfile-ast's constructors (JSON-form instructions) ask for the raw arguments up to three times, and
 * each time the text is scanned again. While Drydock's own parse runs, the instructions being built have
 * no Extra yet, so `parsing` says they are ours: the scan is done once per instruction (into RAW_KEY).
 * Nothing else in the process builds instructions meanwhile (a parse runs to its end synchronously), and
 * the prototypes are not touched per parse (changing them would throw away V8's inline caches each time).
 */
function withRawArgumentsOnce<T>(run: () => T): T {
  parsing++;
  try {
    return run();
  } finally {
    parsing--;
  }
}

const SKIP = new Set(['document', 'dockerfile', 'escapeChar', EXTRA_KEY, RAW_KEY]);

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

/** The data kept with an instruction parsed here; undefined for an instruction parsed elsewhere. */
export function instructionData(node: Instruction): InstructionData | undefined {
  return (node as unknown as Self)[EXTRA_KEY] as Extra | undefined;
}

/** Moves an instruction (and everything it has answered so far) by `lines` lines. */
function shiftNode(node: Instruction, lines: number): void {
  const extra = (node as unknown as Self)[EXTRA_KEY] as Extra;
  if (!extra.positions) {
    const set = new Set<Pos>();
    const seen = new Set<object>();
    collect(node, set, seen);
    collect((node as unknown as Self)[RAW_KEY], set, seen);
    collect(extra.memo, set, seen);
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
  /** @internal where each line of `text` starts */
  readonly lineOffsets: number[];
  /** @internal the lines of `text` (with their line breaks), once an incremental parse has needed them */
  readonly lines?: string[];
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
          const extra: Extra = { doc, step: undefined, shell: undefined, stageFindings: undefined, estimate: undefined, stage: undefined, syntax: undefined, memo: null, positions: null };
          (node as unknown as Self)[EXTRA_KEY] = extra;
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
  } else if (text.charCodeAt(0) === 0xfeff) {
    // A byte order mark (what dockerfile-ast's Util.isUTF8BOM tests by encoding the character to UTF-8).
    offset = 1;
  }
  const parsed = withRawArgumentsOnce(() => parseRange(p, dockerfile, fragment, 0, offset, 0));
  return {
    text,
    escape: p.escapeChar,
    instructions: parsed.map((x) => x.node),
    spans: parsed.map((x) => x.span),
    lineOffsets: fragment.lineOffsets,
    stats: { parsed: parsed.length, reused: 0, full: true },
  };
}

/** The lines of `text` (each with its line break), by the offsets where they start. */
function linesOf(text: string, offsets: number[]): string[] {
  const out = new Array<string>(offsets.length);
  for (let i = 0; i < offsets.length; i++) out[i] = text.slice(offsets[i], i + 1 < offsets.length ? offsets[i + 1] : text.length);
  return out;
}

/**
 * For every line of `a`, the line of `b` it is kept as (or -1 when changed or removed): a Myers diff
 * between the common head and tail, giving up (null) past `maxD` changed lines.
 */
export function matchLines(a: string[], b: string[], maxD = 200): Int32Array | null {
  const match = new Int32Array(a.length).fill(-1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    match[head] = head;
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    match[a.length - 1 - tail] = b.length - 1 - tail;
    tail++;
  }
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 || m === 0) return match;
  const off = maxD + 1;
  const v = new Int32Array(2 * off + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[head + x] === b[head + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        // Walk back through the rounds, marking the diagonal moves (kept lines).
        let cx = n;
        let cy = m;
        for (let dd = d; dd > 0; dd--) {
          const prev = trace[dd]; // V after round dd - 1, from k = -dd - 1
          const at = (kk: number) => prev[kk + dd + 1];
          const ck = cx - cy;
          const pk = ck === -dd || (ck !== dd && at(ck - 1) < at(ck + 1)) ? ck + 1 : ck - 1;
          const px = at(pk);
          const py = px - pk;
          while (cx > px && cy > py) {
            cx--;
            cy--;
            match[head + cx] = head + cy;
          }
          cx = px;
          cy = py;
        }
        while (cx > 0 && cy > 0) {
          cx--;
          cy--;
          match[head + cx] = head + cy;
        }
        // Defensive: every kept line must be equal and in order, or nothing is trusted.
        let last = -1;
        for (let i = 0; i < a.length; i++) {
          if (match[i] < 0) continue;
          if (match[i] <= last || a[i] !== b[match[i]]) return null;
          last = match[i];
        }
        return match;
      }
    }
  }
  return null;
}

/**
 * Parses `text` reusing what `previous` (the parse of an earlier version of the same file) still
 * holds. The instructions reused are moved in place: `previous` must not be used afterwards.
 *
 * An old instruction is intact when its lines, and the lines from the end of the instruction before it,
 * are all kept by the line diff with one line shift. A run of intact instructions is reused as long as
 * the parser is known to be clean at its start: after the file's head (directives included) when that
 * is unchanged, or after a re-parsed stretch that ended on an intact instruction at its old place.
 */
export function parseIncremental(text: string, previous: ParsedDockerfile | null | undefined): ParsedDockerfile {
  if (!previous) return parseFull(text);
  if (previous.text === text) return { ...previous, stats: { parsed: 0, reused: previous.instructions.length, full: false } };
  const nodes = previous.instructions;
  const spans = previous.spans;
  if (nodes.length === 0) return parseFull(text);
  const newOffsets = new Fragment(text).lineOffsets;
  const newLines = linesOf(text, newOffsets);
  const match = matchLines(previous.lines ?? linesOf(previous.text, previous.lineOffsets), newLines);
  if (!match) return parseFull(text);
  // The head up to the first instruction's line (parser directives, BOM) must be unchanged.
  for (let l = 0; l <= spans[0].startLine; l++) if (match[l] !== l) return parseFull(text);
  const oldLineCount = previous.lineOffsets.length;
  /** The line shift of intact instruction k, or null. */
  const shiftOf = (k: number): number | null => {
    const from = k === 0 ? 0 : spans[k - 1].endLine;
    const to = k === nodes.length ? oldLineCount - 1 : spans[k].endLine;
    if (match[from] < 0) return null;
    const d = match[from] - from;
    for (let l = from + 1; l <= to; l++) if (match[l] !== l + d) return null;
    // Past the last instruction, the new text must end where the old one did.
    if (k === nodes.length && newOffsets.length - 1 !== to + d) return null;
    return d;
  };
  const shifts = new Array<number | null>(nodes.length + 1);
  for (let k = 0; k <= nodes.length; k++) shifts[k] = shiftOf(k);
  const outNodes: Instruction[] = [];
  const outSpans: Span[] = [];
  const reuse = (k: number) => {
    const d = shifts[k]!;
    if (d !== 0) shiftNode(nodes[k], d);
    const o = spans[k];
    const base = newOffsets[o.startLine + d] - previous.lineOffsets[o.startLine];
    outNodes.push(nodes[k]);
    outSpans.push({ start: o.start + base, end: o.end + base, startLine: o.startLine + d, startChar: o.startChar, endLine: o.endLine + d, endChar: o.endChar });
  };
  const p = new Parser() as unknown as ParserInternals;
  p.escapeChar = previous.escape;
  let parsedCount = 0;
  let k = 0;
  while (k < nodes.length) {
    if (shifts[k] !== null && (k + 1 < nodes.length || shifts[k + 1] !== null)) {
      reuse(k++);
      continue;
    }
    // Instruction k (or what follows the last one) changed: re-parse from the instruction before it.
    if (k === 0) return parseFull(text);
    outNodes.pop();
    const startSpan = outSpans.pop()!;
    const line0 = startSpan.startLine;
    const regionStart = newOffsets[line0];
    let anchor = k + 1;
    for (let tries = 0; ; tries++) {
      while (anchor < nodes.length && shifts[anchor] === null) anchor++;
      const toEnd = anchor >= nodes.length || tries >= 4;
      let regionEnd = text.length;
      let expected: Span | null = null;
      if (!toEnd) {
        const a = spans[anchor];
        const d = shifts[anchor]!;
        expected = { start: 0, end: 0, startLine: a.startLine + d, startChar: a.startChar, endLine: a.endLine + d, endChar: a.endChar };
        regionEnd = expected.endLine + 1 < newOffsets.length ? newOffsets[expected.endLine + 1] : text.length;
      }
      const fragment = new Fragment(text.slice(regionStart, regionEnd));
      const parsed = withRawArgumentsOnce(() => parseRange(p, new AstDockerfile(null as never), fragment, line0, 0, regionStart));
      if (expected) {
        const last = parsed[parsed.length - 1]?.span;
        const met = !!last && last.startLine === expected.startLine && last.startChar === expected.startChar && last.endLine === expected.endLine && last.endChar === expected.endChar;
        if (!met) {
          anchor++;
          continue;
        }
      }
      for (const x of parsed) {
        outNodes.push(x.node);
        outSpans.push(x.span);
      }
      parsedCount += parsed.length;
      k = toEnd ? nodes.length : anchor + 1;
      // The instructions after the anchor are reused only if the text after the anchor is intact too.
      break;
    }
  }
  return {
    text,
    escape: previous.escape,
    instructions: outNodes,
    spans: outSpans,
    lineOffsets: newOffsets,
    lines: newLines,
    stats: { parsed: parsedCount, reused: outNodes.length - parsedCount, full: false },
  };
}
