import { dockerfileRuleDocs } from '../dockerfile/index';
import { manifestRuleDocs } from '../manifests/index';
import { CONFIG_RULE } from './hadolintConfig';

/** Where the findings about a .hadolint.yaml itself are explained (the configuration section of the Dockerfile rules). */
export const CONFIG_RULE_DOCS = 'https://github.com/drydock-dev/drydock/blob/main/docs/rules/dockerfile.md#hadolint-config';

/** The documentation link of any rule id, whichever area owns it. */
export function ruleDocs(ruleId: string): string | undefined {
  if (ruleId === CONFIG_RULE) return CONFIG_RULE_DOCS;
  return dockerfileRuleDocs(ruleId) ?? manifestRuleDocs(ruleId);
}
