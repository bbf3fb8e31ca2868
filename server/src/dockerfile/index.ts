import type { Finding, Position, Range } from '../common/types';
import { parseDockerfile, parseDockerfileIncremental, type DockerfileModel } from './model';
import { syntaxFindings } from './syntax';
import { runDockerfileRules } from './rules/index';
import type { BuildContextInfo } from './context';
import type { DockerfileRuleOptions } from './rules/options';

export { planLayers, planDockerfile, stepKind, matchSource, tarEntryBytes } from './plan';
export type { PlanOptions } from './plan';
export { parseDockerignore } from './ignore';
export { parseImageRef } from './imageRef';
export { sharedLayers } from './sharing';
export type { SharedLayers } from './sharing';
export { dockerfileSymbols, symbolAt } from './symbols';
export type { DockerfileSymbol } from './symbols';
export type { ImageRef } from './imageRef';
export type { IgnoreMatcher } from './ignore';
export { expandVariables, referencedVariables } from './vars';
export { parseDockerfile, parseDockerfileIncremental, KNOWN_INSTRUCTIONS, LAYER_INSTRUCTIONS } from './model';
export type { DockerfileModel, Stage, Step } from './model';
export type { BuildContextInfo, BuildContextFile } from './context';
export { dockerfileRuleDocs } from './rules/index';
export type { DockerfileRuleContext } from './rules/index';
export type { DockerfileRuleOptions, LabelType } from './rules/options';
export { LABEL_TYPES } from './rules/options';

export interface DockerfileAnalysisOptions {
  buildArgs?: Record<string, string>;
  /** The build context read by the workspace layer; null or absent when unknown. */
  context?: BuildContextInfo | null;
  /**
   * The model of the previous version of the same file: only the instructions around the change are
   * parsed again (parse.ts). That model's instructions move in place, so it must not be used after.
   */
  previous?: DockerfileModel | null;
  /** The user's rule configuration (label schema, trusted registries, off-by-default rules turned on). */
  rules?: DockerfileRuleOptions;
}

export interface DockerfileAnalysis {
  model: DockerfileModel;
  findings: Finding[];
}

/** Parses and checks one Dockerfile. Pure: the text in, the model and findings out. */
export function analyseDockerfile(text: string, options: DockerfileAnalysisOptions = {}): DockerfileAnalysis {
  const model = options.previous ? parseDockerfileIncremental(text, options.previous) : parseDockerfile(text);
  const findings = syntaxFindings(model);
  findings.push(...runDockerfileRules({ text, model, buildArgs: options.buildArgs ?? {}, context: options.context ?? null, options: options.rules }));
  // Findings share positions with the parsed instructions, which the next incremental parse moves: detach them.
  return { model, findings: options.previous ? findings.map(detachFinding) : findings };
}

const pos = (p: Position): Position => ({ line: p.line, character: p.character });
const rng = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });

function detachFinding(f: Finding): Finding {
  const out: Finding = { ...f, range: rng(f.range) };
  if (f.fixes) out.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, range: rng(e.range) })) }));
  if (f.related) out.related = f.related.map((r) => ({ ...r, range: rng(r.range) }));
  return out;
}

