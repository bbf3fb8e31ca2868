/**
 * Formatting a Dockerfile: instruction keywords in upper case (and FROM's `AS`), and the continuation
 * lines of an instruction indented one level, keeping their indentation relative to each other (so a
 * nested `for … do … done` stays nested). Comments, blank lines and heredocs are left as written.
 * Pure: text and model in, edits out.
 */
import { Copy, Run } from './ast';
import { LineIndex } from '../common/text';
import type { Range } from '../common/types';
import { KNOWN_INSTRUCTIONS, type DockerfileModel, type Step } from './model';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

export interface FormatEdit {
  range: Range;
  newText: string;
}

/** Columns a run of leading whitespace takes, tabs to the next multiple of `tabSize`. */
function columns(ws: string, tabSize: number): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + tabSize - (col % tabSize) : col + 1;
  return col;
}

function indentText(cols: number, o: FormatOptions): string {
  if (o.insertSpaces) return ' '.repeat(cols);
  return '\t'.repeat(Math.floor(cols / o.tabSize)) + ' '.repeat(cols % o.tabSize);
}

/**
 * Edits that indent an instruction's continuation lines so the least indented sits one level in. A line
 * is left alone where its indentation is part of the value: inside a quoted string, or right after an
 * escape with no space before it (`echo hello\` + `world` is one word, `helloworld`).
 */
function continuationEdits(step: Step, lines: LineIndex, o: FormatOptions, escape: string): FormatEdit[] {
  const { start, end } = step.range;
  if (end.line <= start.line) return [];
  // Heredoc bodies are data: leave the whole instruction as written.
  if ((step.node instanceof Run || step.node instanceof Copy) && step.node.getHeredocs().length) return [];
  const body: Array<{ line: number; ws: string }> = [];
  let quote: string | null = null;
  let glued = false;
  for (let line = start.line; line <= end.line && line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const ws = /^[ \t]*/.exec(text)![0];
    // Blank lines and comment lines inside a continuation stay as they are (the builder drops them).
    if (line > start.line && (ws.length === text.length || text[ws.length] === '#')) continue;
    if (line > start.line && !quote && !(glued && ws.length === 0)) body.push({ line, ws });
    // Where this line leaves the quoting, and whether its continuation glues onto the next line's first word.
    for (let i = line === start.line ? step.keywordRange.end.character : 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === escape && quote !== "'") {
        i++;
        continue;
      }
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
    }
    const trimmed = text.trimEnd();
    glued = trimmed.endsWith(escape) && trimmed.length >= 2 && !/[ \t]/.test(trimmed[trimmed.length - 2]);
  }
  if (!body.length) return [];
  const unit = o.tabSize > 0 ? o.tabSize : 4;
  const least = Math.min(...body.map((b) => columns(b.ws, unit)));
  const shift = unit - least;
  const edits: FormatEdit[] = [];
  for (const b of body) {
    const wanted = indentText(columns(b.ws, unit) + shift, { ...o, tabSize: unit });
    if (wanted !== b.ws) edits.push({ range: { start: { line: b.line, character: 0 }, end: { line: b.line, character: b.ws.length } }, newText: wanted });
  }
  return edits;
}

/** Every formatting edit for the file, in document order. */
export function formatDockerfile(model: DockerfileModel, text: string, options: FormatOptions): FormatEdit[] {
  const lines = new LineIndex(text);
  const edits: FormatEdit[] = [];
  for (const step of [...model.preamble, ...model.stages.flatMap((s) => [s.from, ...s.steps])]) {
    const written = step.node.getInstruction();
    if (KNOWN_INSTRUCTIONS.has(step.instruction) && written !== step.instruction) edits.push({ range: step.keywordRange, newText: step.instruction });
    if (step.instruction === 'FROM') {
      const asArg = step.node.getArguments().find((x) => x.getValue().toLowerCase() === 'as');
      if (asArg && asArg.getValue() !== 'AS') edits.push({ range: asArg.getRange(), newText: 'AS' });
    }
    edits.push(...continuationEdits(step, lines, options, model.ast.getEscapeCharacter()));
  }
  // Copies: the positions of a parsed model move with later incremental parses.
  return edits.map((e) => ({ range: { start: { ...e.range.start }, end: { ...e.range.end } }, newText: e.newText }));
}
