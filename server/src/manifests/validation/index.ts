import type { LineIndex } from '../../common/text';
import { compareFindings, type Finding } from '../../common/types';
import type { Resource } from '../parse';
import { validateApiServerRules } from './apiserver';
import { createContext } from './context';

export { RULES as VALIDATION_RULES } from './apiserver';
export { cronScheduleError } from './cron';

/**
 * Validation of one resource on its own: the Kubernetes OpenAPI schema (offline) and the rules
 * the API server enforces that a schema cannot express. Pass the stream's LineIndex
 * (ManifestParse.lines) for exact ranges; without it findings sit on the resource's kind.
 * Never throws: a validator that fails on strange input reports nothing.
 */
export function validateResource(resource: Resource, lines?: LineIndex): Finding[] {
  const ctx = createContext(resource, lines);
  try {
    validateApiServerRules(ctx);
  } catch {
    /* bad input must not take the analysis down */
  }
  return ctx.findings.sort(compareFindings);
}
