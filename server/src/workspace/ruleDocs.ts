import { dockerfileRuleDocs } from '../dockerfile/index';
import { manifestRuleDocs } from '../manifests/index';

/** The documentation link of any rule id, whichever area owns it. */
export function ruleDocs(ruleId: string): string | undefined {
  return dockerfileRuleDocs(ruleId) ?? manifestRuleDocs(ruleId);
}
