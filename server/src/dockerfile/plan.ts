import { Arg, Env, ModifiableInstruction, Run, type Property } from './ast';
import type { LayerPlan, PlanStage, PlanStep, StepKind } from '../protocol/dockerfile';
import type { BuildContextFile, BuildContextInfo } from './context';
import { parseDockerfile, type DockerfileModel, type Stage, type Step } from './model';
import { instructionData } from './parse';
import { parseDockerignore } from './ignore';
import { expandVariables, referencedVariables } from './vars';
import { estimateRunLayer, mayInstall, type RunEstimate } from './estimate';

export interface PlanOptions {
  context?: BuildContextInfo | null;
  /** Stage name or index to build; default: the last stage. */
  target?: string;
  buildArgs?: Record<string, string>;
  /** Context-relative paths (or `arg:NAME` for a build-arg) whose change is traced to the steps it rebuilds. */
  changed?: string[];
}

/** Whether a step writes a filesystem layer (BuildKit's model) or only changes the image config. */
export function stepKind(step: Step): StepKind {
  switch (step.instruction) {
    case 'RUN':
    case 'COPY':
    case 'ADD':
      return 'layer';
    case 'WORKDIR':
      return step.arguments.trim() === '/' ? 'config' : 'layer';
    default:
      return 'config';
  }
}

const TAR_BLOCK = 512;
const TAR_END = 1024;

/** Bytes a regular file takes in an uncompressed layer tar: its header, data padded to 512, and a long-name header when needed. */
export function tarEntryBytes(path: string, size: number): number {
  const longName = path.length > 100 ? TAR_BLOCK + Math.ceil((path.length + 1) / TAR_BLOCK) * TAR_BLOCK : 0;
  return longName + TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
}

/**
 * A Go filepath.Match pattern for one path segment (`*`, `?`, `[…]`, `\` escapes) as a RegExp; null when
 * it can match nothing (an unclosed class, or a class JavaScript cannot compile).
 */
function segmentRegExp(pattern: string): RegExp | null {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return null;
      let cls = pattern.slice(i + 1, close);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else re += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  try {
    return new RegExp(re + '$');
  } catch {
    return null;
  }
}

/** Compiled segment patterns, kept across calls (a plan asks the same few for every context file). */
const SEGMENT_PATTERNS = new Map<string, RegExp | null>();

/** A matcher for one segment: plain segments compare as strings, patterns through a compiled RegExp. */
function segmentMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?[\\]/.test(pattern)) return (name) => name === pattern;
  let re = SEGMENT_PATTERNS.get(pattern);
  if (re === undefined) {
    if (SEGMENT_PATTERNS.size >= 1000) SEGMENT_PATTERNS.clear();
    re = segmentRegExp(pattern);
    SEGMENT_PATTERNS.set(pattern, re);
  }
  if (!re) return () => false;
  const compiled = re;
  return (name) => compiled.test(name);
}

/** The non-empty segments of a path, `.` dropped and `..` applied ('\\' counts as '/'). */
function segments(p: string): string[] {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts;
}

/** How many segments `segments(p)` has, without making them. */
function segmentCount(p: string): number {
  let count = 0;
  let start = 0;
  const n = p.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? p.charCodeAt(i) : 47;
    if (c !== 47 /* / */ && c !== 92 /* \\ */) continue;
    const len = i - start;
    if (len === 2 && p.charCodeAt(start) === 46 && p.charCodeAt(start + 1) === 46) {
      if (count > 0) count--;
    } else if (len > 0 && !(len === 1 && p.charCodeAt(start) === 46)) count++;
    start = i + 1;
  }
  return count;
}

function normalise(p: string): string {
  return segments(p).join('/');
}

/** Context files a COPY/ADD source names: a file, a directory (recursively), or a glob per segment. */
export function matchSource(source: string, files: BuildContextFile[]): BuildContextFile[] {
  const src = normalise(source);
  if (src === '') return files;
  const hasGlob = /[*?[]/.test(src);
  if (!hasGlob) {
    const dir = src + '/';
    return files.filter((f) => f.path === src || f.path.startsWith(dir));
  }
  const matchers = src.split('/').map(segmentMatcher);
  return files.filter((f) => {
    const parts = f.path.split('/');
    if (parts.length < matchers.length) return false;
    for (let k = 0; k < matchers.length; k++) if (!matchers[k](parts[k])) return false;
    return true;
  });
}

/** What the invalidation pass needs of a step besides its PlanStep (kept only when there are changes to trace). */
interface StepTrace {
  isRun: boolean;
  files: BuildContextFile[] | null;
  fromStage: number | null;
  vars: string[];
  /** The stage's ARGs in scope when the step runs (RUN sees them all as environment): the first argCount of argNames. */
  argNames: string[];
  argCount: number;
}

function props(step: Step): Property[] {
  return step.node instanceof Arg || step.node instanceof Env ? step.node.getProperties() : [];
}

function flagValue(step: Step, name: string): string | null {
  if (!(step.node instanceof ModifiableInstruction)) return null;
  const flags = step.node.getFlags();
  for (let i = 0; i < flags.length; i++) if (flags[i].getName() === name) return flags[i].getValue() ?? null;
  return null;
}

function positionalArgs(step: Step): string[] {
  const out: string[] = [];
  for (const a of step.node.getArguments()) {
    const v = a.getValue();
    if (!v.startsWith('--')) out.push(v);
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Resolves stage references (name or index) as seen from a stage: the first stage of that name, if it comes before. */
class StageRefs {
  private byName: Map<string, Stage> | null = null;
  constructor(private readonly stages: Stage[]) {}

  get(ref: string, fromIndex: number): Stage | undefined {
    if (isDigits(ref)) {
      const s = this.stages[Number(ref)];
      return s && s.index < fromIndex ? s : undefined;
    }
    if (!this.byName) {
      this.byName = new Map();
      for (const s of this.stages) if (s.name !== null && !this.byName.has(s.name)) this.byName.set(s.name, s);
    }
    const s = this.byName.get(ref.toLowerCase());
    return s && s.index < fromIndex ? s : undefined;
  }
}

const NO_VARS: string[] = [];

/**
 * The layer plan: per stage, each step's kind, its size from the build context (COPY/ADD), its
 * cache inputs, and — for `changed` paths or build-args — whether it rebuilds. The target stage's
 * chain is the final image; stages it does not need are skipped, as BuildKit skips them.
 */
export function planLayers(model: DockerfileModel, options: PlanOptions = {}): LayerPlan {
  const buildArgs = options.buildArgs ?? {};
  const ctx = options.context ?? null;
  let contextFiles: BuildContextFile[] | null = null;
  if (ctx) {
    const ignore = parseDockerignore(ctx.dockerignore?.text);
    contextFiles = ctx.files.filter((f) => !ignore.ignores(f.path));
  }
  const escape = model.ast.getEscapeCharacter();
  const changed = options.changed ?? [];
  const tracing = changed.length > 0;
  const refs = new StageRefs(model.stages);

  // Global ARGs (before the first FROM) are visible to FROM lines, and inside a stage only when re-declared.
  const globals = new Map<string, string | null>();
  for (const s of model.preamble) for (const p of props(s)) globals.set(p.getName(), buildArgs[p.getName()] ?? p.getValue());

  const stages: PlanStage[] = [];
  const traces: StepTrace[][] = [];
  const dependsOn: number[][] = [];
  /** Each stage's base stage (its FROM, variables expanded), or -1 for an image. */
  const baseOf: number[] = [];
  for (const stage of model.stages) {
    const env = new Map<string, string | null>();
    const argNames: string[] = [];
    const deps: number[] = [];
    const addDep = (d: number) => {
      if (!deps.includes(d)) deps.push(d);
    };
    let workdir = '/';
    const baseStage = stage.base ? refs.get(expandVariables(stage.base, globals, escape), stage.index) : undefined;
    baseOf.push(baseStage ? baseStage.index : -1);
    if (baseStage) addDep(baseStage.index);
    const steps: PlanStep[] = [];
    const trace: StepTrace[] = [];
    for (const step of stage.steps) {
      const instruction = step.instruction;
      const kind = stepKind(step);
      const vars = step.arguments.indexOf('$') < 0 ? NO_VARS : referencedVariables(step.arguments);
      const inputs: string[] = [];
      let files: BuildContextFile[] | null = null;
      let fromStage: number | null = null;
      let sizeBytes: number | null = null;
      let tarBytes: number | null = null;
      let estimated = false;
      if (instruction === 'COPY' || instruction === 'ADD') {
        const from = flagValue(step, 'from');
        if (from) {
          const src = refs.get(expandVariables(from, env, escape), stage.index);
          if (src) {
            fromStage = src.index;
            addDep(src.index);
            inputs.push(`stage:${src.name ?? src.index}`);
          } else inputs.push(`image:${from}`);
        } else if (contextFiles) {
          const args = positionalArgs(step);
          for (let k = 0; k < args.length; k++) args[k] = expandVariables(args[k], env, escape);
          if (args.length >= 2 && !args.some((a) => a.startsWith('<<'))) {
            const sources = args.slice(0, -1);
            if (!sources.some((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@'))) {
              const copied = copiedFiles(sources, args[args.length - 1], workdir, contextFiles);
              files = copied.files;
              sizeBytes = copied.sizeBytes;
              tarBytes = copied.tarBytes;
              const shown = Math.min(files.length, 20);
              for (let k = 0; k < shown; k++) inputs.push(`file:${files[k].path}`);
              if (files.length > 20) inputs.push(`file:… ${files.length - 20} more`);
            }
          }
        }
      } else if (instruction === 'WORKDIR') {
        const w = expandVariables(step.arguments.trim(), env, escape);
        const previous = workdir;
        workdir = w.startsWith('/') ? w : `${previous}/${w}`;
        if (kind === 'layer') {
          // BuildKit creates the directory (and its parents) in a layer of its own: directory entries only.
          sizeBytes = 0;
          tarBytes = segmentCount(w) * TAR_BLOCK + TAR_END;
        }
      } else if (instruction === 'RUN') {
        if (kind === 'layer') {
          const estimate = estimateRun(step);
          if (estimate) {
            sizeBytes = estimate.bytes;
            tarBytes = estimate.bytes + TAR_END;
            estimated = true;
          }
        }
        const mountFrom = /from=([^,\s]+)/.exec(flagValue(step, 'mount') ?? '');
        const src = mountFrom ? refs.get(mountFrom[1], stage.index) : undefined;
        if (src) addDep(src.index);
      }
      for (const v of vars) {
        if (env.has(v)) inputs.push(`${argNames.includes(v) ? 'arg' : 'env'}:${v}=${env.get(v) ?? ''}`);
      }
      if (instruction === 'RUN') for (const a of argNames) if (!vars.includes(a)) inputs.push(`arg:${a}=${env.get(a) ?? ''}`);
      if (tracing) trace.push({ isRun: instruction === 'RUN', files, fromStage, vars, argNames, argCount: argNames.length });
      if (instruction === 'ARG') {
        for (const p of props(step)) {
          const name = p.getName();
          argNames.push(name);
          env.set(name, buildArgs[name] ?? (p.getValue() !== null ? expandVariables(p.getValue()!, env, escape) : globals.get(name) ?? null));
        }
      } else if (instruction === 'ENV') {
        for (const p of props(step)) env.set(p.getName(), expandVariables(p.getValue() ?? '', env, escape));
      }
      const isLayer = kind === 'layer';
      const planStep: PlanStep = {
        instruction,
        arguments: step.arguments,
        line: step.range.start.line,
        range: copyRange(step.range),
        kind,
        sizeBytes: isLayer ? sizeBytes : 0,
        tarBytes: isLayer ? tarBytes : 0,
        estimated: isLayer && estimated,
        inputs,
      };
      if (files) planStep.files = files.length;
      steps.push(planStep);
    }
    stages.push({
      name: stage.name,
      index: stage.index,
      base: stage.base,
      skipped: true,
      range: copyRange(stage.from.range),
      dependsOn: deps.length > 1 ? deps.slice().sort((a, b) => a - b) : deps.slice(),
      steps,
    });
    traces.push(trace);
    dependsOn.push(deps);
  }

  // Target and the stages it needs.
  let targetIndex = model.stages.length - 1;
  if (options.target !== undefined) {
    const t = isDigits(options.target) ? model.stages[Number(options.target)] : model.stages.find((s) => s.name === options.target!.toLowerCase());
    if (!t) throw new Error(`target stage "${options.target}" not found`);
    targetIndex = t.index;
  }
  const needed = new Set<number>();
  const visit = (i: number) => {
    if (i < 0 || needed.has(i)) return;
    needed.add(i);
    for (const d of dependsOn[i] ?? []) visit(d);
  };
  visit(targetIndex);
  for (const i of needed) if (stages[i]) stages[i].skipped = false;

  // Invalidation: the first step whose inputs include a change, every later step of its stage, and dependent stages.
  if (tracing) {
    const changedFiles = changed.filter((c) => !c.startsWith('arg:')).map(normalise);
    const changedArgs = changed.filter((c) => c.startsWith('arg:')).map((c) => c.slice(4));
    const dirty = new Set<number>();
    for (let si = 0; si < traces.length; si++) {
      let from = -1;
      const base = model.stages[si].base;
      if (base && dependsOn[si].some((d) => dirty.has(d) && refs.get(base, si)?.index === d)) from = 0;
      const trace = traces[si];
      for (let k = 0; k < trace.length && from < 0; k++) {
        const t = trace[k];
        const touchesFile = t.files?.some((f) => changedFiles.some((c) => f.path === c || f.path.startsWith(c + '/'))) ?? false;
        const touchesArg = changedArgs.some((a) => t.vars.includes(a) || (t.isRun && inScope(t, a)));
        const fromDirty = t.fromStage !== null && dirty.has(t.fromStage);
        if (touchesFile || touchesArg || fromDirty) from = k;
      }
      if (from >= 0) dirty.add(si);
      const steps = stages[si].steps;
      for (let k = 0; k < steps.length; k++) steps[k].rebuilds = from >= 0 && k >= from;
    }
  }

  // The final image: the target's chain of stage bases, each stage's layers in order.
  const chain: number[] = [];
  for (let i = targetIndex; i >= 0; i = baseOf[i]) chain.push(i);
  chain.reverse();
  // Estimated RUN sizes are not known bytes: they count with the unknown layers.
  const layers: Array<{ stage: number; step: number }> = [];
  let knownBytes = 0;
  let unknownLayers = 0;
  for (const si of chain) {
    const steps = stages[si].steps;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      if (s.kind !== 'layer') continue;
      layers.push({ stage: si, step: k });
      if (s.tarBytes !== null && !s.estimated) knownBytes += s.tarBytes;
      else unknownLayers++;
    }
  }
  return {
    target: model.stages[targetIndex]?.name ?? (model.stages.length ? String(targetIndex) : null),
    stages,
    image: { layers, knownBytes, unknownLayers, base: model.stages[chain[0]]?.base ?? null },
    ...(ctx ? { context: { root: ctx.root, files: ctx.files.length, ignored: ctx.files.length - (contextFiles?.length ?? 0), dockerignore: ctx.dockerignore?.path ?? null, truncated: !!ctx.truncated } } : {}),
  };
}

function inScope(t: StepTrace, arg: string): boolean {
  const i = t.argNames.indexOf(arg);
  return i >= 0 && i < t.argCount;
}

/** The context files a COPY/ADD without --from copies, with their bytes and the bytes of the layer's tar. */
function copiedFiles(sources: string[], dest: string, workdir: string, contextFiles: BuildContextFile[]): { files: BuildContextFile[]; sizeBytes: number; tarBytes: number } {
  const seen = new Set<string>();
  const files: BuildContextFile[] = [];
  // Where each file lands: under the destination directory, keeping paths below a copied directory.
  const destIsDir = dest.endsWith('/') || sources.length > 1 || /[*?[]/.test(sources.join(''));
  const absDest = normalise(dest.startsWith('/') ? dest : `${workdir}/${dest}`);
  const landed: string[] = [];
  for (const s of sources) {
    const src = normalise(s);
    for (const f of matchSource(s, contextFiles)) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      files.push(f);
      const underDir = src === '' ? f.path : f.path.startsWith(src + '/') ? f.path.slice(src.length + 1) : null;
      if (underDir !== null) landed.push(absDest ? `${absDest}/${underDir}` : underDir);
      else landed.push(destIsDir || !absDest ? `${absDest ? absDest + '/' : ''}${f.path.split('/').pop()}` : absDest);
    }
  }
  let sizeBytes = 0;
  let tarBytes = 0;
  for (let i = 0; i < files.length; i++) {
    sizeBytes += files[i].size;
    tarBytes += tarEntryBytes(landed[i], files[i].size);
  }
  // Every parent directory of what lands appears once as a directory entry.
  const dirs = new Set<string>();
  for (const p of landed) {
    for (let slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) dirs.add(p.slice(0, slash));
  }
  if (destIsDir && absDest) {
    for (let slash = absDest.indexOf('/'); slash >= 0; slash = absDest.indexOf('/', slash + 1)) dirs.add(absDest.slice(0, slash));
    dirs.add(absDest);
  }
  return { files, sizeBytes, tarBytes: tarBytes + dirs.size * TAR_BLOCK + TAR_END };
}

/** Convenience for callers holding text. */
export function planDockerfile(text: string, options: PlanOptions = {}): LayerPlan {
  return planLayers(parseDockerfile(text), options);
}

/** Plans outlive an incremental parse, which moves the parsed instructions' positions in place: copy. */
function copyRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/**
 * An estimated size for a RUN that only installs packages (estimate.ts), from its shell form; none for
 * exec form or heredoc scripts, or when a cache mount keeps the package manager's files out of the layer
 * in ways the estimate does not model.
 */
function estimateRun(step: Step): RunEstimate | null {
  const args = step.arguments;
  // Cheap refusals first (each a condition the estimate needs anyway), then the cache, then the shell parse.
  const text = /^\s|^--/.test(args) ? args.replace(/^(\s*--\S+)+\s*/, '') : args;
  if (text.startsWith('[') || !mayInstall(text)) return null;
  if (args.includes('type=cache') && /--mount=\S*type=cache/.test(args)) return null;
  if (step.node instanceof Run && step.node.getHeredocs().length) return null;
  // It depends on the instruction's text only: kept with the instruction (also across incremental parses).
  const data = instructionData(step.node);
  if (!data) return estimateRunLayer(text);
  if (data.estimate === undefined) data.estimate = estimateRunLayer(text);
  return data.estimate as RunEstimate | null;
}
