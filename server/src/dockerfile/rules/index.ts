import type { Finding } from '../../common/types';
import type { BuildContextInfo } from '../context';
import type { DockerfileModel } from '../model';

/** Everything a Dockerfile rule may look at. */
export interface DockerfileRuleContext {
  text: string;
  model: DockerfileModel;
  buildArgs: Record<string, string>;
  /** The build context, when the workspace layer could read it. */
  context: BuildContextInfo | null;
}

/** Runs every Dockerfile rule, honouring suppressions. (The rule set lives in this folder.) */
export function runDockerfileRules(_ctx: DockerfileRuleContext): Finding[] {
  return [];
}

/** The docs link of a Dockerfile rule id. */
export function dockerfileRuleDocs(_ruleId: string): string | undefined {
  return undefined;
}
