import { Copy, DockerfileParser, Run, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Range } from '../common/types';
import { LineIndex } from '../common/text';

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
  ast: Dockerfile;
  /** Instructions before the first FROM (ARGs and anything misplaced). */
  preamble: Step[];
  stages: Stage[];
}

/** The arguments as written: flags kept, continuations and the comment lines inside them removed. */
function argumentsAsWritten(node: Instruction, lines: LineIndex, text: string, escape: string): string {
  const kw = node.getInstructionRange();
  const end = node.getRange().end;
  const raw = text.slice(lines.offsetAt(kw.end), lines.offsetAt(end));
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

function toStep(node: Instruction, lines: LineIndex, text: string, escape: string): Step {
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

/**
 * dockerfile-ast recomputes an instruction's arguments (and the ranges behind them) on every call,
 * and its own getters call each other; a parsed tree never changes, so each instruction's answers
 * are memoised once here. This halves the time of a full analysis.
 */
function memoise(node: Instruction): void {
  const target = node as unknown as Record<string, unknown>;
  for (const name of ['getArguments', 'getRawArguments', 'getArgumentsRange', 'getArgumentsRanges', 'getRange', 'getInstructionRange', 'getInstruction', 'getKeyword', 'getFlags', 'getProperties', 'getHeredocs', 'getJSONStrings', 'getOpeningBracket', 'getClosingBracket']) {
    const fn = target[name];
    if (typeof fn !== 'function') continue;
    let done = false;
    let value: unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (args.length) return (fn as (...a: unknown[]) => unknown).apply(node, args);
      if (!done) {
        value = (fn as () => unknown).call(node);
        done = true;
      }
      return value;
    };
  }
}

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  for (const node of ast.getInstructions()) memoise(node);
  const lines = new LineIndex(text);
  const escape = ast.getEscapeCharacter();
  const preamble: Step[] = [];
  const stages: Stage[] = [];
  for (const node of ast.getInstructions()) {
    const step = toStep(node, lines, text, escape);
    if (step.instruction === 'FROM') {
      const args = node.getArguments().map((a) => a.getValue());
      const positional = args.filter((a) => !a.startsWith('--'));
      const asIndex = positional.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({
        index: stages.length,
        name: asIndex >= 0 && positional[asIndex + 1] ? positional[asIndex + 1].toLowerCase() : null,
        base: positional[0] ?? null,
        from: step,
        steps: [],
      });
    } else if (stages.length === 0) {
      preamble.push(step);
    } else {
      stages[stages.length - 1].steps.push(step);
    }
  }
  return { ast, preamble, stages };
}
