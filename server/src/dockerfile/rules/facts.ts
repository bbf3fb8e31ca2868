import { From, JSONInstruction, ModifiableInstruction, Run, type Instruction } from '../ast';
import type { Argument } from 'dockerfile-ast';
import { LineIndex } from '../../common/text';
import { instructionData } from '../parse';
import type { Range } from '../../common/types';
import type { DockerfileModel, Stage, Step } from '../model';
import { allCommands, commandName, parseShell, type ShellCommand, type ShellWord } from '../shell/index';
import type { DockerfileRuleContext } from './index';

/** A simple command of a RUN step with its program name resolved. */
export interface RunCommand {
  step: Step;
  stage: Stage | null;
  name: string;
  command: ShellCommand;
  /** The words after the program name. */
  args: ShellWord[];
}

/** Shell commands of a RUN instruction (offsets at `base`, the instruction's start offset then). */
interface KeptCommands {
  base: number;
  commands: Array<{ name: string; command: ShellCommand }>;
}

/**
 * The commands kept with an instruction (every model's instructions come from parse.ts, which keeps data on
 * them; one that did not would just not be cached, as model.ts, syntax.ts and plan.ts do).
 */
function keptCommands(node: Instruction): KeptCommands | undefined {
  return instructionData(node)?.shell as KeptCommands | undefined;
}

function keepCommands(node: Instruction, kept: KeptCommands): void {
  const data = instructionData(node);
  if (data) data.shell = kept;
}

function moveCommand(c: ShellCommand, d: number): ShellCommand {
  const move = (w: ShellWord): ShellWord => ({ ...w, start: w.start + d, end: w.end + d });
  return { ...c, start: c.start + d, end: c.end + d, words: c.words.map(move), assignments: c.assignments.map(move) };
}

/** A RUN command of an instruction that moved by `d` characters (maybe 0) since its commands were read. */
class MovedRunCommand implements RunCommand {
  private moved: ShellCommand | null = null;
  private movedArgs: ShellWord[] | null = null;
  constructor(readonly step: Step, readonly stage: Stage | null, readonly name: string, private readonly original: ShellCommand, private readonly d: number) {}

  get command(): ShellCommand {
    return (this.moved ??= this.d === 0 ? this.original : moveCommand(this.original, this.d));
  }

  get args(): ShellWord[] {
    return (this.movedArgs ??= this.command.words.slice(1));
  }
}

/** Programs that run a heredoc given to them as a script. */
const HEREDOC_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** Adds the commands that run a program, with its name, to `out`. */
function addNamed(out: Array<{ name: string; command: ShellCommand }>, cmds: ShellCommand[]): void {
  for (const c of cmds) {
    const name = commandName(c);
    if (name) out.push({ name, command: c });
  }
}

const NONE: ReadonlyArray<{ step: Step; stage: Stage | null }> = [];
const NO_COMMANDS: readonly RunCommand[] = [];

/**
 * What rules share, computed once per analysis: offsets ↔ ranges, every step with its stage,
 * and the shell commands of every RUN (shell form, `sh -c` strings and heredoc scripts).
 */
export class DockerfileFacts {
  readonly lines: LineIndex;
  /** Every step with its stage (null before the first FROM), in file order. Shared: do not modify. */
  readonly steps: Array<{ step: Step; stage: Stage | null }>;
  private readonly runCache: Map<Step, RunCommand[]>;
  private byInstruction: Map<string, Array<{ step: Step; stage: Stage | null }>> | null = null;
  private allRuns: RunCommand[] | null = null;
  private runsByName: Map<string, RunCommand[]> | null = null;
  private readonly flagCache: Map<Step, ReturnType<DockerfileFacts['flags']>>;
  private readonly operandCache: Map<Step, readonly Argument[]>;
  private stagesByName: Map<string, Stage> | null = null;
  /** What rules work out once per analysis and share (see `shared`). */
  private sharedValues: Map<unknown, unknown> | null = null;
  /** Offsets of every `$` in the text, ascending (computed when first asked). */
  private dollars: number[] | null = null;
  /** The facts of the whole file when these see only some stages: same text, so same offsets and RUN commands. */
  private readonly whole: DockerfileFacts | null;

  /** Every stage of the file, also when `ctx.model` holds only some of them (see runDockerfileRules). */
  private readonly allStages: Stage[];

  constructor(readonly ctx: DockerfileRuleContext, whole?: DockerfileFacts) {
    this.lines = whole ? whole.lines : new LineIndex(ctx.text);
    this.allStages = whole ? whole.allStages : ctx.model.stages;
    this.whole = whole ?? null;
    // A step's flags and RUN commands do not depend on which stages the rules see: shared with the whole file's facts.
    this.runCache = whole ? whole.runCache : new Map();
    this.flagCache = whole ? whole.flagCache : new Map();
    this.operandCache = whole ? whole.operandCache : new Map();
    const steps: Array<{ step: Step; stage: Stage | null }> = [];
    for (const step of ctx.model.preamble) steps.push({ step, stage: null });
    for (const stage of ctx.model.stages) {
      steps.push({ step: stage.from, stage });
      for (const step of stage.steps) steps.push({ step, stage });
    }
    this.steps = steps;
  }

  get model(): DockerfileModel {
    return this.ctx.model;
  }

  get text(): string {
    return this.ctx.text;
  }

  offset(pos: { line: number; character: number }): number {
    return this.lines.offsetAt(pos);
  }

  range(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  /**
   * Steps of one instruction, in file order; with a second instruction, those of the first and then those of
   * the second. Shared between rules: do not modify.
   */
  stepsOf(instruction: string, then?: string): ReadonlyArray<{ step: Step; stage: Stage | null }> {
    let by = this.byInstruction;
    if (!by) {
      by = this.byInstruction = new Map();
      for (const s of this.steps) {
        const list = by.get(s.step.instruction);
        if (list) list.push(s);
        else by.set(s.step.instruction, [s]);
      }
    }
    const first = by.get(instruction) ?? NONE;
    if (then === undefined) return first;
    const second = by.get(then) ?? NONE;
    return second.length === 0 ? first : first.length === 0 ? second : first.concat(second);
  }

  /**
   * A value several rules need, made by the first that asks and shared with the others for this analysis (these
   * facts: the stages they see). `key` names what `make` computes (a string, or a constant object compared by
   * identity); the value is shared, so do not modify it.
   */
  shared<T>(key: string | object, make: (f: DockerfileFacts) => T): T {
    const map = (this.sharedValues ??= new Map());
    if (map.has(key)) return map.get(key) as T;
    const value = make(this);
    map.set(key, value);
    return value;
  }

  /** Whether the text has a `$` in [start, end) (offsets). */
  hasDollar(start: number, end: number): boolean {
    if (this.whole) return this.whole.hasDollar(start, end);
    let d = this.dollars;
    if (!d) {
      d = this.dollars = [];
      const text = this.text;
      for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) d.push(at);
    }
    // The first `$` at or after start.
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (d[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < d.length && d[lo] < end;
  }

  flags(step: Step): Array<{ name: string; value: string | null; range: Range; nameRange: Range; valueRange: Range | null }> {
    const cached = this.flagCache.get(step);
    if (cached) return cached;
    const node = step.node;
    const out = node instanceof ModifiableInstruction
      ? node.getFlags().map((f) => ({ name: f.getName(), value: f.getValue(), range: f.getRange(), nameRange: f.getNameRange(), valueRange: f.getValueRange() }))
      : [];
    this.flagCache.set(step, out);
    return out;
  }

  /** The step's arguments that are not flags (`--from=…`, `--chmod=…`): for COPY and ADD, the sources and the destination. Shared: do not modify. */
  operands(step: Step): readonly Argument[] {
    let out = this.operandCache.get(step);
    if (!out) {
      out = step.node.getArguments().filter((a) => !a.getValue().startsWith('--'));
      this.operandCache.set(step, out);
    }
    return out;
  }

  isExecForm(step: Step): boolean {
    const node = step.node as Instruction;
    return node instanceof JSONInstruction && node.getOpeningBracket() !== null && node.getClosingBracket() !== null;
  }

  /** Stage names declared so far (lower-case), by stage index. */
  stageNamed(name: string): Stage | undefined {
    if (!this.stagesByName) {
      this.stagesByName = new Map();
      for (const s of this.allStages) if (s.name !== null && !this.stagesByName.has(s.name)) this.stagesByName.set(s.name, s);
    }
    return this.stagesByName.get(name.toLowerCase());
  }

  /** The shell commands a RUN step runs (empty for exec form that is not a shell). */
  runCommands(step: Step, stage: Stage | null = null): RunCommand[] {
    const cached = this.runCache.get(step);
    if (cached) return cached;
    // The commands depend only on the instruction's text: kept with the instruction across incremental
    // parses, in offsets that move with it.
    const base = this.offset(step.range.start);
    const kept = keptCommands(step.node);
    let found: Array<{ name: string; command: ShellCommand }>;
    if (kept && kept.base === base) {
      found = kept.commands;
    } else if (kept) {
      // The instruction moved: its commands move too, each only when a rule looks at its words.
      const d = base - kept.base;
      const moved: RunCommand[] = kept.commands.map(({ name, command }) => new MovedRunCommand(step, stage, name, command, d));
      this.runCache.set(step, moved);
      return moved;
    } else {
      found = this.parseRunCommands(step);
      keepCommands(step.node, { base, commands: found });
    }
    // Most rules look at the program name only: the words after it are sliced when one asks.
    const out: RunCommand[] = found.map(({ name, command }) => new MovedRunCommand(step, stage, name, command, 0));
    this.runCache.set(step, out);
    return out;
  }

  private parseRunCommands(step: Step): Array<{ name: string; command: ShellCommand }> {
    const out: Array<{ name: string; command: ShellCommand }> = [];
    const node = step.node;
    if (node instanceof Run || step.instruction === 'RUN') {
      if (this.isExecForm(step)) {
        const strings = (node as JSONInstruction).getJSONStrings();
        if (strings.length) {
          const words: ShellWord[] = strings.map((j) => {
            const r = j.getRange();
            return { value: j.getValue(), start: this.offset(r.start), end: this.offset(r.end), quoted: true };
          });
          addNamed(out, allCommands({ commands: [{ words, assignments: [], op: null, start: words[0].start, end: words[words.length - 1].end }] }, this.text, 0));
        }
      } else {
        const argsRange = node.getArgumentsRange();
        if (argsRange) {
          const start = this.offset(argsRange.start);
          const heredocs = node instanceof Run ? node.getHeredocs() : [];
          // With heredocs, the shell line is the instruction's first line; the bodies follow.
          const end = heredocs.length ? this.lines.lineEnd(argsRange.start.line) : this.offset(argsRange.end);
          const src = this.text.slice(start, end);
          // Skip RUN's own flags (--mount=…, --network=…) at the start.
          let flagsEnd = start;
          for (const fl of this.flags(step)) flagsEnd = Math.max(flagsEnd, this.offset(fl.range.end));
          const from = Math.max(0, flagsEnd - start);
          const script = parseShell(src.slice(from), { base: start + from, continuation: this.model.ast.getEscapeCharacter() });
          addNamed(out, allCommands(script, this.text, 0));
          const first = script.commands[0];
          const firstName = first ? commandName(first) : null;
          for (const h of heredocs) {
            const content = h.getContentRange();
            if (!content) continue;
            // `RUN <<EOF` runs the body as a script; so do `RUN sh <<EOF` and friends.
            if (firstName && !HEREDOC_SHELLS.has(firstName)) continue;
            const cs = this.offset(content.start);
            const body = parseShell(this.text.slice(cs, this.offset(content.end)), { base: cs, continuation: null });
            addNamed(out, allCommands(body, this.text, 0));
          }
        }
      }
    }
    return out;
  }

  /** Every RUN command of the file with its step and stage. Shared between rules: do not modify. */
  allRunCommands(): readonly RunCommand[] {
    let all = this.allRuns;
    if (!all) {
      all = this.allRuns = [];
      for (const { step, stage } of this.stepsOf('RUN')) for (const c of this.runCommands(step, stage)) all.push(c);
    }
    return all;
  }

  /** The RUN commands of the file that run program `name`, in file order. Shared between rules: do not modify. */
  runCommandsNamed(name: string): readonly RunCommand[] {
    let by = this.runsByName;
    if (!by) {
      by = this.runsByName = new Map();
      for (const c of this.allRunCommands()) {
        const list = by.get(c.name);
        if (list) list.push(c);
        else by.set(c.name, [c]);
      }
    }
    return by.get(name) ?? NO_COMMANDS;
  }

  wordRange(w: ShellWord): Range {
    return this.range(w.start, w.end);
  }

  commandRange(c: RunCommand): Range {
    const last = c.command.words[c.command.words.length - 1];
    return this.range(c.command.words[0].start, last.end);
  }

  fromNode(stage: Stage): From | null {
    return stage.from.node instanceof From ? stage.from.node : null;
  }
}
