import type { Finding } from '../common/types';
import { parseDockerfile, type DockerfileModel } from './model';
import { syntaxFindings } from './syntax';
import { runDockerfileRules } from './rules/index';
import type { BuildContextInfo } from './context';

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
export { parseDockerfile, KNOWN_INSTRUCTIONS, LAYER_INSTRUCTIONS } from './model';
export type { DockerfileModel, Stage, Step } from './model';
export type { BuildContextInfo, BuildContextFile } from './context';
export { dockerfileRuleDocs } from './rules/index';
export type { DockerfileRuleContext } from './rules/index';

export interface DockerfileAnalysisOptions {
  buildArgs?: Record<string, string>;
  /** The build context read by the workspace layer; null or absent when unknown. */
  context?: BuildContextInfo | null;
}

export interface DockerfileAnalysis {
  model: DockerfileModel;
  findings: Finding[];
}

/** Parses and checks one Dockerfile. Pure: the text in, the model and findings out. */
export function analyseDockerfile(text: string, options: DockerfileAnalysisOptions = {}): DockerfileAnalysis {
  const model = parseDockerfile(text);
  const findings = syntaxFindings(model);
  findings.push(...runDockerfileRules({ text, model, buildArgs: options.buildArgs ?? {}, context: options.context ?? null }));
  return { model, findings };
}

