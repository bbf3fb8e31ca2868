import type { Finding } from '../common/types';
import { parseDockerfile, type DockerfileModel } from './model';
import { syntaxFindings } from './syntax';

export { planLayers, stepKind } from './plan';
export { parseDockerfile, KNOWN_INSTRUCTIONS, LAYER_INSTRUCTIONS } from './model';
export type { DockerfileModel, Stage, Step } from './model';

export interface DockerfileAnalysisOptions {
  buildArgs?: Record<string, string>;
}

export interface DockerfileAnalysis {
  model: DockerfileModel;
  findings: Finding[];
}

/** Parses and checks one Dockerfile. Pure: the text in, the model and findings out. */
export function analyseDockerfile(text: string, _options: DockerfileAnalysisOptions = {}): DockerfileAnalysis {
  const model = parseDockerfile(text);
  return { model, findings: syntaxFindings(model) };
}

/** Documentation link of a Dockerfile rule id, when it has one. */
export function dockerfileRuleDocs(_ruleId: string): string | undefined {
  return undefined;
}
