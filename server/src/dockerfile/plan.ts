import { Arg, Env, ModifiableInstruction, Run, type Property } from './ast';
import type { LayerPlan, PlanStage, PlanStep, StepKind } from '../protocol/dockerfile';
import type { BuildContextFile, BuildContextInfo } from './context';
import { parseDockerfile, type DockerfileModel, type Stage, type Step } from './model';
import { parseDockerignore } from './ignore';
import { expandVariables, referencedVariables } from './vars';
import { estimateRunLayer } from './estimate';

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

/** Matches one path segment against a Go filepath.Match pattern (`*`, `?`, `[…]`, `\` escapes). */
function segmentMatches(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return false;
      let cls = pattern.slice(i + 1, close);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else re += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  try {
    return new RegExp(re + '$').test(name);
  } catch {
    return false;
  }
}

function normalise(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** Context files a COPY/ADD source names: a file, a directory (recursively), or a glob per segment. */
export function matchSource(source: string, files: BuildContextFile[]): BuildContextFile[] {
  const src = normalise(source);
  if (src === '') return files;
  const hasGlob = /[*?[]/.test(src);
  if (!hasGlob) return files.filter((f) => f.path === src || f.path.startsWith(src + '/'));
  const segs = src.split('/');
  return files.filter((f) => {
    const parts = f.path.split('/');
    if (parts.length < segs.length) return false;
    for (let k = 0; k < segs.length; k++) if (!segmentMatches(segs[k], parts[k])) return false;
    return true;
  });
}

interface StepInfo {
  step: Step;
  kind: StepKind;
  files: BuildContextFile[] | null;
  fromStage: number | null;
  sizeBytes: number | null;
  tarBytes: number | null;
  /** True when the sizes are an estimate (RUN installs, estimate.ts). */
  estimated?: boolean;
  inputs: string[];
  vars: string[];
  /** ARGs in scope when the step runs (RUN sees them all as environment). */
  argsInScope: string[];
}

function props(step: Step): Property[] {
  return step.node instanceof Arg || step.node instanceof Env ? step.node.getProperties() : [];
}

function flagValue(step: Step, name: string): string | null {
  if (!(step.node instanceof ModifiableInstruction)) return null;
  return step.node.getFlags().find((f) => f.getName() === name)?.getValue() ?? null;
}

function positionalArgs(step: Step): string[] {
  return step.node.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith('--'));
}

/** Resolves a stage reference (name or index) seen from `fromIndex`. */
function stageRef(model: DockerfileModel, ref: string, fromIndex: number): Stage | undefined {
  if (/^\d+$/.test(ref)) {
    const s = model.stages[Number(ref)];
    return s && s.index < fromIndex ? s : undefined;
  }
  // The first stage of that name, if it comes before: a map per model instead of a scan per reference.
  let byName = FIRST_BY_NAME.get(model);
  if (!byName) {
    byName = new Map();
    for (const s of model.stages) if (s.name !== null && !byName.has(s.name)) byName.set(s.name, s);
    FIRST_BY_NAME.set(model, byName);
  }
  const s = byName.get(ref.toLowerCase());
  return s && s.index < fromIndex ? s : undefined;
}

const FIRST_BY_NAME = new WeakMap<DockerfileModel, Map<string, Stage>>();

/**
 * The layer plan: per stage, each step's kind, its size from the build context (COPY/ADD), its
 * cache inputs, and — for `changed` paths or build-args — whether it rebuilds. The target stage's
 * chain is the final image; stages it does not need are skipped, as BuildKit skips them.
 */
export function planLayers(model: DockerfileModel, options: PlanOptions = {}): LayerPlan {
  const buildArgs = options.buildArgs ?? {};
  const ctx = options.context ?? null;
  const ignore = parseDockerignore(ctx?.dockerignore?.text);
  const contextFiles = ctx ? ctx.files.filter((f) => !ignore.ignores(f.path)) : null;
  const escape = model.ast.getEscapeCharacter();

  // Global ARGs (before the first FROM) are visible to FROM lines, and inside a stage only when re-declared.
  const globals = new Map<string, string | null>();
  for (const s of model.preamble) for (const p of props(s)) globals.set(p.getName(), buildArgs[p.getName()] ?? p.getValue());

  const infos: StepInfo[][] = [];
  const dependsOn: Array<Set<number>> = [];
  for (const stage of model.stages) {
    const env = new Map<string, string | null>();
    const argNames: string[] = [];
    const deps = new Set<number>();
    let workdir = '/';
    const baseStage = stage.base ? stageRef(model, expandVariables(stage.base, globals, escape), stage.index) : undefined;
    if (baseStage) deps.add(baseStage.index);
    const list: StepInfo[] = [];
    for (const step of stage.steps) {
      const kind = stepKind(step);
      const vars = referencedVariables(step.arguments);
      const info: StepInfo = { step, kind, files: null, fromStage: null, sizeBytes: null, tarBytes: null, inputs: [], vars, argsInScope: [...argNames] };
      if (step.instruction === 'COPY' || step.instruction === 'ADD') {
        const from = flagValue(step, 'from');
        const args = positionalArgs(step).map((a) => expandVariables(a, env, escape));
        if (from) {
          const src = stageRef(model, expandVariables(from, env, escape), stage.index);
          if (src) {
            info.fromStage = src.index;
            deps.add(src.index);
            info.inputs.push(`stage:${src.name ?? src.index}`);
          } else info.inputs.push(`image:${from}`);
        } else if (contextFiles && args.length >= 2 && !args.some((a) => a.startsWith('<<'))) {
          const sources = args.slice(0, -1);
          if (!sources.some((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@'))) {
            const seen = new Set<string>();
            const files: BuildContextFile[] = [];
            // Where each file lands: under the destination directory, keeping paths below a copied directory.
            const dest = args[args.length - 1];
            const destIsDir = dest.endsWith('/') || sources.length > 1 || /[*?[]/.test(sources.join('')) ;
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
            info.files = files;
            info.sizeBytes = files.reduce((n, f) => n + f.size, 0);
            // Every parent directory of what lands appears once as a directory entry.
            const dirs = new Set<string>();
            for (const p of landed) {
              const parts = p.split('/');
              for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
            }
            if (destIsDir && absDest) {
              const parts = absDest.split('/');
              for (let k = 1; k <= parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
            }
            info.tarBytes = files.reduce((n, f, i) => n + tarEntryBytes(landed[i], f.size), 0) + dirs.size * TAR_BLOCK + TAR_END;
            const shown = files.slice(0, 20).map((f) => `file:${f.path}`);
            info.inputs.push(...shown);
            if (files.length > 20) info.inputs.push(`file:… ${files.length - 20} more`);
          }
        }
      }
      if (step.instruction === 'WORKDIR') {
        const w = expandVariables(step.arguments.trim(), env, escape);
        workdir = w.startsWith('/') ? w : `${workdir}/${w}`;
      }
      if (step.instruction === 'WORKDIR' && kind === 'layer') {
        // BuildKit creates the directory (and its parents) in a layer of its own: directory entries only.
        const dirs = normalise(expandVariables(step.arguments.trim(), env, escape)).split('/').filter(Boolean).length;
        info.sizeBytes = 0;
        info.tarBytes = dirs * TAR_BLOCK + TAR_END;
      }
      if (step.instruction === 'RUN' && kind === 'layer') {
        const estimate = estimateRun(step);
        if (estimate) {
          info.sizeBytes = estimate.bytes;
          info.tarBytes = estimate.bytes + TAR_END;
          info.estimated = true;
        }
      }
      if (step.instruction === 'RUN') {
        const mountFrom = /from=([^,\s]+)/.exec(flagValue(step, 'mount') ?? '');
        const src = mountFrom ? stageRef(model, mountFrom[1], stage.index) : undefined;
        if (src) deps.add(src.index);
      }
      for (const v of vars) {
        if (env.has(v)) info.inputs.push(`${argNames.includes(v) ? 'arg' : 'env'}:${v}=${env.get(v) ?? ''}`);
      }
      if (step.instruction === 'RUN') for (const a of argNames) if (!vars.includes(a)) info.inputs.push(`arg:${a}=${env.get(a) ?? ''}`);
      if (step.instruction === 'ARG') {
        for (const p of props(step)) {
          const name = p.getName();
          argNames.push(name);
          env.set(name, buildArgs[name] ?? (p.getValue() !== null ? expandVariables(p.getValue()!, env, escape) : globals.get(name) ?? null));
        }
      } else if (step.instruction === 'ENV') {
        for (const p of props(step)) env.set(p.getName(), expandVariables(p.getValue() ?? '', env, escape));
      }
      list.push(info);
    }
    infos.push(list);
    dependsOn.push(deps);
  }

  // Target and the stages it needs.
  let targetIndex = model.stages.length - 1;
  if (options.target !== undefined) {
    const t = /^\d+$/.test(options.target) ? model.stages[Number(options.target)] : model.stages.find((s) => s.name === options.target!.toLowerCase());
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

  // Invalidation: the first step whose inputs include a change, every later step of its stage, and dependent stages.
  const changed = options.changed ?? [];
  const changedFiles = changed.filter((c) => !c.startsWith('arg:')).map(normalise);
  const changedArgs = changed.filter((c) => c.startsWith('arg:')).map((c) => c.slice(4));
  const dirty = new Set<number>();
  const rebuilds: boolean[][] = infos.map((list) => list.map(() => false));
  if (changed.length) {
    for (let si = 0; si < infos.length; si++) {
      let from = -1;
      if (dependsOn[si] && [...dependsOn[si]].some((d) => dirty.has(d) && model.stages[si].base && stageRef(model, model.stages[si].base!, si)?.index === d)) from = 0;
      infos[si].forEach((info, k) => {
        if (from >= 0) return;
        const touchesFile = info.files?.some((f) => changedFiles.some((c) => f.path === c || f.path.startsWith(c + '/'))) ?? false;
        const touchesArg = changedArgs.some((a) => info.vars.includes(a) || (info.step.instruction === 'RUN' && info.argsInScope.includes(a)));
        const fromDirty = info.fromStage !== null && dirty.has(info.fromStage);
        if (touchesFile || touchesArg || fromDirty) from = k;
      });
      if (from >= 0) {
        dirty.add(si);
        for (let k = from; k < infos[si].length; k++) rebuilds[si][k] = true;
      }
    }
  }

  const stages: PlanStage[] = model.stages.map((stage, si) => ({
    name: stage.name,
    index: stage.index,
    base: stage.base,
    skipped: !needed.has(si),
    range: copyRange(stage.from.range),
    dependsOn: [...dependsOn[si]].sort((a, b) => a - b),
    steps: infos[si].map((info, k): PlanStep => ({
      instruction: info.step.instruction,
      arguments: info.step.arguments,
      line: info.step.range.start.line,
      range: copyRange(info.step.range),
      kind: info.kind,
      sizeBytes: info.kind === 'layer' ? info.sizeBytes : 0,
      tarBytes: info.kind === 'layer' ? info.tarBytes : 0,
      estimated: info.kind === 'layer' && !!info.estimated,
      inputs: info.inputs,
      ...(info.files ? { files: info.files.length } : {}),
      ...(changed.length ? { rebuilds: rebuilds[si][k] } : {}),
    })),
  }));

  // The final image: the target's chain of stage bases, each stage's layers in order.
  const chain: number[] = [];
  for (let i: number | undefined = targetIndex; i !== undefined && i >= 0; ) {
    chain.unshift(i);
    const st: Stage = model.stages[i];
    const base: Stage | undefined = st.base ? stageRef(model, expandVariables(st.base, globals, escape), i) : undefined;
    i = base?.index;
  }
  const layers = chain.flatMap((si) => stages[si].steps.flatMap((s, k) => (s.kind === 'layer' ? [{ stage: si, step: k }] : [])));
  // Estimated RUN sizes are not known bytes: they count with the unknown layers.
  const known = (s: PlanStep) => s.tarBytes !== null && !s.estimated;
  const knownBytes = layers.reduce((n, l) => n + (known(stages[l.stage].steps[l.step]) ? stages[l.stage].steps[l.step].tarBytes! : 0), 0);
  const unknownLayers = layers.filter((l) => !known(stages[l.stage].steps[l.step])).length;
  return {
    target: model.stages[targetIndex]?.name ?? (model.stages.length ? String(targetIndex) : null),
    stages,
    image: { layers, knownBytes, unknownLayers, base: model.stages[chain[0]]?.base ?? null },
    ...(ctx ? { context: { root: ctx.root, files: ctx.files.length, ignored: ctx.files.length - (contextFiles?.length ?? 0), dockerignore: ctx.dockerignore?.path ?? null, truncated: !!ctx.truncated } } : {}),
  };
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
function estimateRun(step: Step) {
  // It depends on the instruction's text only: kept with the instruction across incremental parses.
  if (ESTIMATES.has(step.node)) return ESTIMATES.get(step.node)!;
  let estimate: ReturnType<typeof estimateRunLayer> = null;
  const text = step.arguments.replace(/^(\s*--\S+)+\s*/, '');
  if (!(step.node instanceof Run && step.node.getHeredocs().length) && !text.startsWith('[') && !/--mount=\S*type=cache/.test(step.arguments)) estimate = estimateRunLayer(text);
  ESTIMATES.set(step.node, estimate);
  return estimate;
}

const ESTIMATES = new WeakMap<Step['node'], ReturnType<typeof estimateRunLayer>>();
