import type { RuleMeta } from '../../common/rule';
import { moveFinding } from '../../common/findings';
import type { Instruction } from 'dockerfile-ast';
import { compareFindings, type Finding, type Range } from '../../common/types';
import type { BuildContextInfo } from '../context';
import type { DockerfileModel, Stage } from '../model';
import { instructionData } from '../parse';
import { DockerfileFacts } from './facts';
import type { DockerfileRule } from './rule';
import { isSuppressed, readSuppressions } from './suppress';
import { DL3000 } from './hadolint/DL3000';
import { DL3001 } from './hadolint/DL3001';
import { DL3002 } from './hadolint/DL3002';
import { DL3003 } from './hadolint/DL3003';
import { DL3004 } from './hadolint/DL3004';
import { DL3006 } from './hadolint/DL3006';
import { DL3007 } from './hadolint/DL3007';
import { DL3008 } from './hadolint/DL3008';
import { DL3009 } from './hadolint/DL3009';
import { DL3011 } from './hadolint/DL3011';
import { DL3013 } from './hadolint/DL3013';
import { DL3014 } from './hadolint/DL3014';
import { DL3015 } from './hadolint/DL3015';
import { DL3016 } from './hadolint/DL3016';
import { DL3018 } from './hadolint/DL3018';
import { DL3019 } from './hadolint/DL3019';
import { DL3020 } from './hadolint/DL3020';
import { DL3021 } from './hadolint/DL3021';
import { DL3022 } from './hadolint/DL3022';
import { DL3023 } from './hadolint/DL3023';
import { DL3025 } from './hadolint/DL3025';
import { DL3027 } from './hadolint/DL3027';
import { DL3029 } from './hadolint/DL3029';
import { DL3042 } from './hadolint/DL3042';
import { DL3045 } from './hadolint/DL3045';
import { DL3046 } from './hadolint/DL3046';
import { DL3047 } from './hadolint/DL3047';
import { DL3048 } from './hadolint/DL3048';
import { DL3059 } from './hadolint/DL3059';
import { DL3060 } from './hadolint/DL3060';
import { DL4000 } from './hadolint/DL4000';
import { DL4001 } from './hadolint/DL4001';
import { DL4006 } from './hadolint/DL4006';
import { DL3035 } from './hadolint/DL3035';
import { DL3043 } from './hadolint/DL3043';
import { DL3044 } from './hadolint/DL3044';
import { DL3061 } from './hadolint/DL3061';
import { DL3062 } from './hadolint/DL3062';
import { DL4005 } from './hadolint/DL4005';
import { DL3067 } from './hadolint/DL3067';
import { DL3010 } from './hadolint/DL3010';
import { DL1001 } from './hadolint/DL1001';
import { DL3026 } from './hadolint/DL3026';
import { DL3049 } from './hadolint/DL3049';
import { DL3050 } from './hadolint/DL3050';
import { DL3051 } from './hadolint/DL3051';
import { DL3052 } from './hadolint/DL3052';
import { DL3053 } from './hadolint/DL3053';
import { DL3054 } from './hadolint/DL3054';
import { DL3055 } from './hadolint/DL3055';
import { DL3056 } from './hadolint/DL3056';
import { DL3057 } from './hadolint/DL3057';
import { DL3058 } from './hadolint/DL3058';
import { DL3066 } from './hadolint/DL3066';
import type { DockerfileRuleOptions } from './options';
import { DL4003, DL4004, MultipleHealthcheck } from './hadolint/multiple';
import { DL3028, DL3030, DL3032, DL3033, DL3034, DL3036, DL3037, DL3038, DL3040, DL3041 } from './hadolint/managers';
import { ConsistentInstructionCasing, FromAsCasing, StageNameCasing } from './buildkit/casing';
import { DuplicateStageName, RedundantTargetPlatform, ReservedStageName } from './buildkit/stages';
import { InvalidDefaultArgInFrom, LegacyKeyValueFormat, SecretsUsedInArgOrEnv, UndefinedArgInFrom, UndefinedVar } from './buildkit/vars';
import { ExposeInvalidFormat, ExposeProtoCasing, NoEmptyContinuation } from './buildkit/format';
import { cacheBustingCopy } from './drydock/cacheBustingCopy';
import { deletedLater } from './drydock/deletedLater';
import { secretsInContext } from './drydock/secretsInContext';
import { CopyIgnoredFile } from './buildkit/copyIgnored';
import { FromPlatformFlagConstDisallowed, InvalidDefinitionDescription } from './buildkit/definitions';

/** Everything a Dockerfile rule may look at. */
export interface DockerfileRuleContext {
  text: string;
  model: DockerfileModel;
  buildArgs: Record<string, string>;
  /** The build context, when the workspace layer could read it. */
  context: BuildContextInfo | null;
  /** The user's rule configuration (.hadolint.yaml: label schema, trusted registries, rules turned on). */
  options?: DockerfileRuleOptions;
}

/** Every Dockerfile rule, in a stable order. */
export const DOCKERFILE_RULES: DockerfileRule[] = [
  DL3000, DL3001, DL3002, DL3003, DL3004, DL3006, DL3007, DL3008, DL3009, DL3011, DL3013, DL3014, DL3015, DL3016,
  DL3018, DL3019, DL3020, DL3021, DL3022, DL3023, DL3025, DL3027, DL3028, DL3029, DL3030, DL3032, DL3033, DL3034,
  DL3036, DL3037, DL3038, DL3040, DL3041, DL3042, DL3045, DL3046, DL3047, DL3048, DL3059, DL3060, DL4000, DL4001,
  DL4003, DL4004, DL4006, MultipleHealthcheck, DL3035, DL3043, DL3044, DL3061, DL3062, DL3067, DL4005, DL3010,
  StageNameCasing, FromAsCasing, ConsistentInstructionCasing, DuplicateStageName, ReservedStageName, RedundantTargetPlatform,
  UndefinedArgInFrom, LegacyKeyValueFormat, SecretsUsedInArgOrEnv, UndefinedVar, InvalidDefaultArgInFrom,
  NoEmptyContinuation, ExposeProtoCasing, ExposeInvalidFormat, FromPlatformFlagConstDisallowed, InvalidDefinitionDescription,
  CopyIgnoredFile, cacheBustingCopy, deletedLater, secretsInContext,
  DL1001, DL3026, DL3049, DL3050, DL3051, DL3052, DL3053, DL3054, DL3055, DL3056, DL3057, DL3058, DL3066,
];

/** Build contexts for rules whose examples need one (the examples test passes them in). */
export const EXAMPLE_CONTEXTS: Record<string, { files: Record<string, number>; dockerignore?: string }> = {
  CopyIgnoredFile: { files: { 'README.md': 100, 'app.py': 50 }, dockerignore: '*.md\n' },
  'drydock/secret-in-image': { files: { 'app.py': 50, '.env': 20, '.git/HEAD': 23, 'certs/server.key': 900 }, dockerignore: '' },
};

const BY_ID = new Map<string, RuleMeta>(DOCKERFILE_RULES.map((r) => [r.meta.id, r.meta]));

/**
 * Rules whose findings in one stage may depend on other stages' steps (or on the whole file): run on the
 * whole file every time. Every other rule is chain-local: its findings in a stage depend only on the
 * instructions of that stage and of the stages it is built on (FROM an earlier stage: inherited ARGs,
 * WORKDIR), and on what `fileSignature` covers (stage names and bases, global ARGs, the escape character,
 * build args, options, the build context), so they are kept per stage between analyses.
 */
const WHOLE_FILE_RULES = new Set([
  'DL3002', 'DL3022', 'DL4001', 'ConsistentInstructionCasing', 'DuplicateStageName', 'CopyIgnoredFile', 'drydock/secret-in-image',
  // Stages inherit labels / HEALTHCHECK from the stages they build on; pragmas are comments between instructions.
  'DL3049', 'DL3057', 'DL1001',
  // Reads the comment line above a FROM or a global ARG, which no stage's instructions include.
  'InvalidDefinitionDescription',
]);

interface StageFindings {
  /** The instructions of the stage's ancestors (the stages it is built FROM, nearest last) and its own. */
  nodes: Instruction[];
  signature: FileSignature;
  context: BuildContextInfo | null;
  /** The FROM line when checked, and whether the findings stay right if the stage moves (no line numbers in messages). */
  line: number;
  movable: boolean;
  /** Findings of the stage-local rules by rule id, lines relative to the stage's FROM line (null: none). */
  byRule: Map<string, Finding[]> | null;
}

/** Stage-local findings, kept in the data parse.ts keeps on the stage's FROM instruction (kept by an incremental parse when unchanged). */
function keptFindingsOf(node: Instruction): StageFindings | undefined {
  return instructionData(node)?.stageFindings as StageFindings | undefined;
}

function keepFindings(node: Instruction, entry: StageFindings | undefined): void {
  const data = instructionData(node);
  if (data) data.stageFindings = entry;
}

/** What the rule loop needs of each rule, worked out once: its ids (aliases too) and whether it runs on the whole file. */
const RULES = DOCKERFILE_RULES.map((rule) => ({
  rule,
  id: rule.meta.id,
  ids: [rule.meta.id, ...(rule.meta.aliases ?? [])],
  wholeFile: WHOLE_FILE_RULES.has(rule.meta.id),
  off: !!rule.meta.off,
}));

/**
 * What, besides a stage's own chain, its stage-local findings depend on: the escape character, the global ARGs
 * (the instructions before the first FROM), every stage's name and base, the build args and the options.
 * Strings only, taken when the analysis starts (the JSON of the build args and options).
 */
interface FileSignature {
  escape: string;
  /** Instruction and arguments of each step before the first FROM, then name and base of each stage. */
  keys: Array<string | null>;
  preambleLength: number;
  buildArgs: string;
  options: string;
}

function fileSignature(ctx: DockerfileRuleContext): FileSignature {
  const m = ctx.model;
  const keys = new Array<string | null>(2 * (m.preamble.length + m.stages.length));
  let k = 0;
  for (const s of m.preamble) {
    keys[k++] = s.instruction;
    keys[k++] = s.arguments;
  }
  for (const s of m.stages) {
    keys[k++] = s.name;
    keys[k++] = s.base;
  }
  return { escape: m.ast.getEscapeCharacter(), keys, preambleLength: m.preamble.length, buildArgs: JSON.stringify(ctx.buildArgs), options: JSON.stringify(ctx.options ?? null) };
}

/** Whether two signatures say the same. */
function sameSignature(a: FileSignature, b: FileSignature): boolean {
  if (a === b) return true;
  if (a.escape !== b.escape || a.preambleLength !== b.preambleLength || a.keys.length !== b.keys.length || a.buildArgs !== b.buildArgs || a.options !== b.options) return false;
  for (let k = 0; k < a.keys.length; k++) if (a.keys[k] !== b.keys[k]) return false;
  return true;
}

function sameNodes(a: Instruction[], b: Instruction[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const inLines = (r: Range, first: number, last: number) => r.start.line >= first && r.end.line <= last;

/** Whether every range of the finding lies within lines [first, last] (so it moves with the stage). */
function within(f: Finding, first: number, last: number): boolean {
  if (!inLines(f.range, first, last)) return false;
  if (f.fixes) for (const x of f.fixes) {
    if (x.path) return false;
    for (const e of x.edits) if (!inLines(e.range, first, last)) return false;
  }
  if (f.related) for (const r of f.related) if (r.path || !inLines(r.range, first, last)) return false;
  return true;
}

/** Whether a message of the finding names a line ("follows another (line 12)"): right only where it was made. */
function namesALine(f: Finding): boolean {
  if (NAMES_A_LINE.test(f.message)) return true;
  if (f.related) for (const r of f.related) if (NAMES_A_LINE.test(r.message)) return true;
  return false;
}

const NO_STAGES: Stage[] = [];
const NAMES_A_LINE = /\bline \d/;
const firstLine = (s: Stage) => s.from.range.start.line;
const lastLine = (s: Stage) => (s.steps.length ? s.steps[s.steps.length - 1] : s.from).range.end.line;

/** Runs every Dockerfile rule, honouring suppressions. A rule that throws is reported, not fatal. */
export function runDockerfileRules(ctx: DockerfileRuleContext): Finding[] {
  const facts = new DockerfileFacts(ctx);
  const suppressions = readSuppressions(facts);
  const stages = ctx.model.stages;
  const signature = fileSignature(ctx);
  // Entries made by one analysis share its signature: compare each signature once.
  let compared: Map<FileSignature, boolean> | null = null;
  const sameSignatureAs = (other: FileSignature): boolean => {
    compared ??= new Map();
    let same = compared.get(other);
    if (same === undefined) compared.set(other, (same = sameSignature(other, signature)));
    return same;
  };
  // Stages whose stage-local findings are kept from an earlier analysis, and the rest (checked now).
  const kept = new Map<Stage, StageFindings>();
  const fresh: Stage[] = [];
  // Each stage's ancestors (the stages it is built FROM, farthest first), by stage index.
  const ancestors: Stage[][] = [];
  const nodesNow: Instruction[][] = [];
  for (const stage of stages) {
    let chain = NO_STAGES;
    for (let s: Stage | undefined = stage, depth = 0; s && depth < 100; depth++) {
      const parent: Stage | undefined = s.base ? facts.stageNamed(s.base) : undefined;
      if (!parent || parent.index >= s.index) break;
      if (chain === NO_STAGES) chain = [];
      chain.push(parent);
      s = parent;
    }
    if (chain.length > 1) chain.reverse();
    ancestors.push(chain);
    let size = 1 + stage.steps.length;
    for (const s of chain) size += 1 + s.steps.length;
    const nodes = new Array<Instruction>(size);
    let k = 0;
    for (const s of chain) {
      nodes[k++] = s.from.node;
      for (const step of s.steps) nodes[k++] = step.node;
    }
    nodes[k++] = stage.from.node;
    for (const step of stage.steps) nodes[k++] = step.node;
    nodesNow.push(nodes);
    const entry = keptFindingsOf(stage.from.node);
    if (entry && sameSignatureAs(entry.signature) && entry.context === ctx.context && (entry.movable || entry.line === stage.from.range.start.line) && sameNodes(entry.nodes, nodes)) {
      // Kept entries take this analysis's (equal) signature, so that the next analysis compares one signature
      // with its own, not one per analysis each entry was made in.
      entry.signature = signature;
      kept.set(stage, entry);
    } else fresh.push(stage);
  }
  // The rules see the stages to check and the stages those build on (whose own findings are dropped below).
  let view = stages;
  let local = facts;
  if (kept.size > 0) {
    const viewSet = new Set<Stage>(fresh);
    for (const stage of fresh) for (const a of ancestors[stage.index]) viewSet.add(a);
    view = stages.filter((s) => viewSet.has(s));
    local = new DockerfileFacts({ ...ctx, model: { ...ctx.model, stages: view } }, facts);
  }
  const newEntries = new Map<Stage, StageFindings>();
  for (const stage of fresh) newEntries.set(stage, { nodes: nodesNow[stage.index], signature, context: ctx.context, line: firstLine(stage), movable: true, byRule: null });
  const volatile = new Set<Stage>();
  /** The stage of the rules' view whose FROM is the last at or before `line` (null in the preamble). */
  const freshStageAt = (line: number): Stage | null => {
    let lo = 0;
    let hi = view.length - 1;
    let found: Stage | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (firstLine(view[mid]) <= line) {
        found = view[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  // The kept stages' findings, by rule, at their stages' current lines.
  const keptByRule = new Map<string, Finding[]>();
  for (const [stage, entry] of kept) {
    if (entry.byRule) for (const [id, list] of entry.byRule) {
      const into = keptByRule.get(id) ?? [];
      for (const f of list) into.push(moveFinding(f, firstLine(stage)));
      keptByRule.set(id, into);
    }
  }
  const noHadolintPragmas = !!ctx.options?.disableIgnorePragma;
  const out: Finding[] = [];
  for (const { rule, id, ids, wholeFile, off } of RULES) {
    if (off && !ctx.options?.enable?.includes(id)) continue;
    let found: Finding[];
    try {
      found = rule.check(wholeFile ? facts : local);
    } catch (e) {
      out.push({ rule: 'internal-error', severity: 'error', message: `Rule ${id} failed: ${(e as Error).message}. Please report it.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      continue;
    }
    if (!wholeFile) {
      const keptFindings = kept.size > 0 ? keptByRule.get(id) : undefined;
      if (found.length === 0 && !keptFindings) continue;
      const mine: Finding[] = [];
      for (const f of found) {
        const stage = freshStageAt(f.range.start.line);
        // In a stage shown only as an ancestor: its findings come from its own entry.
        if (stage && !newEntries.has(stage)) continue;
        mine.push(f);
        if (!stage) continue;
        // A finding that would not move with the stage's instructions (outside them, or in another file): check the stage every time.
        if (!within(f, firstLine(stage), lastLine(stage))) volatile.add(stage);
        const entry = newEntries.get(stage)!;
        if (entry.movable && namesALine(f)) entry.movable = false;
        const byRule = (entry.byRule ??= new Map());
        const list = byRule.get(id);
        const moved = moveFinding(f, -firstLine(stage));
        if (list) list.push(moved);
        else byRule.set(id, [moved]);
      }
      found = mine;
      if (keptFindings) found = [...found, ...keptFindings];
      // One order whichever stages were kept.
      if (found.length > 1) found.sort(compareFindings);
    }
    for (const f of found) {
      if (isSuppressed(suppressions, f, ids)) continue;
      // DL1001 flags the ignore pragmas themselves: another pragma is no fix for it.
      out.push(f.rule === 'DL1001' ? f : { ...f, fixes: [...(f.fixes ?? []), ignoreFix(facts, suppressions.ownerOfLine, f, noHadolintPragmas)] });
    }
  }
  for (const [stage, entry] of newEntries) {
    keepFindings(stage.from.node, volatile.has(stage) ? undefined : entry);
  }
  return out;
}

/** The title and comment of the ignore quick fix, by rule id and pragma kind (the same strings for every finding of a rule). */
const IGNORE_TEXTS = new Map<string, { title: string; comment: string }>();

function ignoreTexts(rule: string, noHadolintPragmas: boolean): { title: string; comment: string } {
  const key = noHadolintPragmas ? `-${rule}` : rule;
  let texts = IGNORE_TEXTS.get(key);
  if (!texts) {
    const comment = noHadolintPragmas || rule.startsWith('drydock/') || !/^DL\d{4}$/.test(rule) ? `# drydock-ignore ${rule}` : `# hadolint ignore=${rule}`;
    texts = { title: `Ignore ${rule} for this instruction`, comment };
    IGNORE_TEXTS.set(key, texts);
  }
  return texts;
}

/** The leading white space of a string (what the pattern ^\s* matches). */
function leadingSpace(t: string): string {
  let k = 0;
  while (k < t.length && isSpace(t.charCodeAt(k))) k++;
  return k === 0 ? '' : t.slice(0, k);
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The quick fix that suppresses a finding for its instruction: `# hadolint ignore=ID` above it (our comment for our own ids, or when the config turns hadolint's pragmas off). */
function ignoreFix(facts: DockerfileFacts, ownerOfLine: Int32Array, f: Finding, noHadolintPragmas: boolean): { title: string; edits: Array<{ range: Finding['range']; newText: string }> } {
  const line = f.range.start.line;
  const owner = line < ownerOfLine.length ? ownerOfLine[line] : -1;
  const at = owner >= 0 ? owner : line;
  const indent = leadingSpace(facts.lines.lineText(at));
  const { title, comment } = ignoreTexts(f.rule, noHadolintPragmas);
  return { title, edits: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${indent}${comment}\n` }] };
}

/** The docs link of a Dockerfile rule id (aliases included). */
export function dockerfileRuleDocs(ruleId: string): string | undefined {
  return BY_ID.get(ruleId)?.docs ?? DOCKERFILE_RULES.find((r) => r.meta.aliases?.includes(ruleId))?.meta.docs;
}

export function dockerfileRuleMeta(ruleId: string): RuleMeta | undefined {
  return BY_ID.get(ruleId);
}
