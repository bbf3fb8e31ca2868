import { Copy, Run, type Instruction } from './ast';
import { parseFull, parseIncremental, instructionData, type ParsedDockerfile } from './parse';
import type { Range } from '../common/types';

/** Instructions the Dockerfile reference defines (upper case). */
export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Instructions that write a filesystem layer in BuildKit (WORKDIR only for a path other than `/`). */
export const LAYER_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export interface Step {
  /** Upper-case instruction keyword as BuildKit reads it. */
  instruction: string;
  /** Arguments as written, continuations joined. */
  arguments: string;
  range: Range;
  keywordRange: Range;
  node: Instruction;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it; null when unnamed. */
  name: string | null;
  /** The image reference or earlier stage name after FROM, as written. */
  base: string | null;
  from: Step;
  steps: Step[];
}

export interface DockerfileModel {
  /** The instructions in file order and the escape character (the parser directive's, or `\\`). */
  ast: { getInstructions(): Instruction[]; getEscapeCharacter(): string };
  /** The parse the model was built from (for an incremental parse of the next version). */
  parsed: ParsedDockerfile;
  /** Instructions before the first FROM (ARGs and anything misplaced). */
  preamble: Step[];
  stages: Stage[];
}

/** Offsets and line texts from the line starts the parse already found (no second pass over the text). */
class Lines {
  constructor(private readonly text: string, private readonly starts: number[]) {}

  private lineEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }
}

const LINE_BREAK = /[\r\n]/;
/** Whitespace that collapsing would change: a run of two, or one that is not a plain space. */
const SPACE_RUN = /\s\s|[^\S ]/;

/** The arguments as written: flags kept, continuations and the comment lines inside them removed. */
function argumentsAsWritten(node: Instruction, lines: Lines, text: string, escape: string): string {
  const kw = node.getInstructionRange();
  const end = node.getRange().end;
  const raw = text.slice(lines.offsetAt(kw.end), lines.offsetAt(end));
  // One line (most instructions): only whitespace to collapse, and often none.
  if (!LINE_BREAK.test(raw)) return SPACE_RUN.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
  const out: string[] = [];
  const parts = raw.split(/\r\n|\r|\n/);
  parts.forEach((line, i) => {
    if (i > 0 && /^\s*#/.test(line)) return;
    let l = line;
    if (i < parts.length - 1 && l.trimEnd().endsWith(escape)) l = l.trimEnd().slice(0, -1);
    out.push(l);
  });
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

function toStep(node: Instruction, lines: Lines, text: string, escape: string): Step {
  const heredocs = node instanceof Run || node instanceof Copy ? node.getHeredocs() : [];
  return {
    instruction: node.getKeyword().toUpperCase(),
    // With heredocs the body is not an argument; keep the instruction's first line.
    arguments: heredocs.length ? lines.lineText(node.getRange().start.line).slice(node.getInstructionRange().end.character).trim() : argumentsAsWritten(node, lines, text, escape),
    range: node.getRange(),
    keywordRange: node.getInstructionRange(),
    node,
  };
}

/** Parses a whole Dockerfile. */
export function parseDockerfile(text: string): DockerfileModel {
  return modelOf(parseFull(text));
}

/**
 * Parses a new version of a Dockerfile, re-parsing only the instructions around the change (see
 * parse.ts). The previous model's instructions are moved in place: use only the model returned.
 */
export function parseDockerfileIncremental(text: string, previous: DockerfileModel | null | undefined): DockerfileModel {
  return modelOf(parseIncremental(text, previous?.parsed ?? null));
}

interface StageHead {
  name: string | null;
  base: string | null;
}

/** A FROM's base (the first argument that is not a flag) and `AS name` (lower-cased). */
function stageHead(node: Instruction): StageHead {
  const args = node.getArguments().map((a) => a.getValue());
  const positional = args.filter((a) => !a.startsWith('--'));
  const asIndex = positional.findIndex((a) => a.toUpperCase() === 'AS');
  return { name: asIndex >= 0 && positional[asIndex + 1] ? positional[asIndex + 1].toLowerCase() : null, base: positional[0] ?? null };
}

function modelOf(parsed: ParsedDockerfile): DockerfileModel {
  const text = parsed.text;
  const escape = parsed.escape;
  const instructions = parsed.instructions;
  let lines: Lines | null = null;
  const preamble: Step[] = [];
  const stages: Stage[] = [];
  for (const node of instructions) {
    // The step is kept with the instruction across incremental parses.
    const data = instructionData(node);
    let step = data?.step as Step | undefined;
    if (!step) {
      lines ??= new Lines(text, parsed.lineOffsets);
      step = toStep(node, lines, text, escape);
      if (data) data.step = step;
    }
    if (step.instruction === 'FROM') {
      // What the FROM says depends on its text only: kept with the instruction too.
      let head = data?.stage as StageHead | undefined;
      if (!head) {
        head = stageHead(node);
        if (data) data.stage = head;
      }
      stages.push({ index: stages.length, name: head.name, base: head.base, from: step, steps: [] });
    } else if (stages.length === 0) {
      preamble.push(step);
    } else {
      stages[stages.length - 1].steps.push(step);
    }
  }
  const ast = { getInstructions: () => instructions.slice(), getEscapeCharacter: () => escape };
  return { ast, preamble, stages, parsed };
}
