import { From, JSONInstruction, ModifiableInstruction, Run, type Instruction } from '../ast';
import { LineIndex } from '../../common/text';
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

/** Shell commands of each RUN instruction (offsets at `base`, the instruction's start offset then). */
const SHELL_CACHE = new WeakMap<Instruction, { base: number; commands: Array<{ name: string; command: ShellCommand }> }>();

function moveCommand(c: ShellCommand, d: number): ShellCommand {
  const move = (w: ShellWord): ShellWord => ({ ...w, start: w.start + d, end: w.end + d });
  return { ...c, start: c.start + d, end: c.end + d, words: c.words.map(move), assignments: c.assignments.map(move) };
}

/** A RUN command of an instruction that moved by `d` characters since its commands were read. */
class MovedRunCommand implements RunCommand {
  private moved: ShellCommand | null = null;
  private movedArgs: ShellWord[] | null = null;
  constructor(readonly step: Step, readonly stage: Stage | null, readonly name: string, private readonly original: ShellCommand, private readonly d: number) {}

  get command(): ShellCommand {
    return (this.moved ??= moveCommand(this.original, this.d));
  }

  get args(): ShellWord[] {
    return (this.movedArgs ??= this.command.words.slice(1));
  }
}

/**
 * What rules share, computed once per analysis: offsets ↔ ranges, every step with its stage,
 * and the shell commands of every RUN (shell form, `sh -c` strings and heredoc scripts).
 */
export class DockerfileFacts {
  readonly lines: LineIndex;
  readonly steps: Array<{ step: Step; stage: Stage | null }>;
  private runCache = new Map<Step, RunCommand[]>();
  private byInstruction: Map<string, Array<{ step: Step; stage: Stage | null }>> | null = null;
  private allRuns: RunCommand[] | null = null;
  private flagCache = new Map<Step, ReturnType<DockerfileFacts['flags']>>();
  private stagesByName: Map<string, Stage> | null = null;

  /** Every stage of the file, also when `ctx.model` holds only some of them (see runDockerfileRules). */
  private readonly allStages: Stage[];

  constructor(readonly ctx: DockerfileRuleContext, whole?: DockerfileFacts) {
    this.lines = whole ? whole.lines : new LineIndex(ctx.text);
    this.allStages = whole ? whole.allStages : ctx.model.stages;
    this.steps = [
      ...ctx.model.preamble.map((step) => ({ step, stage: null })),
      ...ctx.model.stages.flatMap((stage) => [{ step: stage.from, stage }, ...stage.steps.map((step) => ({ step, stage }))]),
    ];
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

  /** Steps of one instruction, in file order. */
  stepsOf(instruction: string): Array<{ step: Step; stage: Stage | null }> {
    if (!this.byInstruction) {
      this.byInstruction = new Map();
      for (const s of this.steps) {
        const list = this.byInstruction.get(s.step.instruction);
        if (list) list.push(s);
        else this.byInstruction.set(s.step.instruction, [s]);
      }
    }
    // A copy: callers may sort or splice what they get.
    return (this.byInstruction.get(instruction) ?? []).slice();
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
    const kept = SHELL_CACHE.get(step.node);
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
      SHELL_CACHE.set(step.node, { base, commands: found });
    }
    const out = found.map(({ name, command }) => ({ step, stage, name, command, args: command.words.slice(1) }));
    this.runCache.set(step, out);
    return out;
  }

  private parseRunCommands(step: Step): Array<{ name: string; command: ShellCommand }> {
    const out: Array<{ name: string; command: ShellCommand }> = [];
    const node = step.node;
    const push = (cmds: ShellCommand[]) => {
      for (const c of cmds) {
        const name = commandName(c);
        if (name) out.push({ name, command: c });
      }
    };
    if (node instanceof Run || step.instruction === 'RUN') {
      if (this.isExecForm(step)) {
        const strings = (node as JSONInstruction).getJSONStrings();
        if (strings.length) {
          const words: ShellWord[] = strings.map((j) => {
            const r = j.getRange();
            return { value: j.getValue(), start: this.offset(r.start), end: this.offset(r.end), quoted: true };
          });
          push(allCommands({ commands: [{ words, assignments: [], op: null, start: words[0].start, end: words[words.length - 1].end }] }, this.text, 0));
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
          const flagsEnd = this.flags(step).reduce((m, f) => Math.max(m, this.offset(f.range.end)), start);
          const from = Math.max(0, flagsEnd - start);
          const script = parseShell(src.slice(from), { base: start + from, continuation: this.model.ast.getEscapeCharacter() });
          push(allCommands(script, this.text, 0));
          const first = script.commands[0];
          const firstName = first ? commandName(first) : null;
          for (const h of heredocs) {
            const content = h.getContentRange();
            if (!content) continue;
            // `RUN <<EOF` runs the body as a script; so do `RUN sh <<EOF` and friends.
            if (firstName && !['sh', 'bash', 'ash', 'dash', 'zsh'].includes(firstName)) continue;
            const cs = this.offset(content.start);
            const body = parseShell(this.text.slice(cs, this.offset(content.end)), { base: cs, continuation: null });
            push(allCommands(body, this.text, 0));
          }
        }
      }
    }
    return out;
  }

  /** Every RUN command of the file with its step and stage. */
  allRunCommands(): RunCommand[] {
    this.allRuns ??= this.stepsOf('RUN').flatMap(({ step, stage }) => this.runCommands(step, stage));
    return this.allRuns.slice();
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
