import type { LineIndex } from '../../common/text';
import { compareFindings, type Finding } from '../../common/types';
import type { Resource } from '../parse';
import { validateApiServerRules } from './apiserver';
import { createContext } from './context';
import { validateSchema, type CrdSchemas } from './schema';

export { RULES as VALIDATION_RULES } from './apiserver';
export { cronScheduleError } from './cron';
export {
  collectCrdSchemas,
  describeField,
  isKnownKind,
  knownKinds,
  schemaNodeAt,
  type SchemaField,
  type SchemaNode,
  suggest,
  SCHEMA_RULE,
  SCHEMA_SOURCE,
  KUBERNETES_VERSION,
  type CrdSchema,
  type CrdSchemas,
  type FieldDescription,
} from './schema';

export interface ValidateOptions {
  /** openAPIV3Schema of the workspace's CRDs (collectCrdSchemas), for custom resources. */
  crds?: CrdSchemas;
  /** Tests only: let a validator's exception through instead of swallowing it. */
  rethrow?: boolean;
}

/**
 * Validation of one resource on its own: the Kubernetes OpenAPI schema (offline) and the rules
 * the API server enforces that a schema cannot express. Pass the stream's LineIndex
 * (ManifestParse.lines) for exact ranges; without it findings sit on the resource's kind.
 * Never throws: a validator that fails on strange input reports nothing. Custom resources are checked
 * against their CRD's schema when options.crds has it; unknown kinds get schema findings from nobody.
 */
export function validateResource(resource: Resource, lines?: LineIndex, options: ValidateOptions = {}): Finding[] {
  const ctx = createContext(resource, lines);
  try {
    validateSchema(ctx, options.crds);
  } catch (e) {
    if (options.rethrow) throw e; // bad input must not take the analysis down
  }
  const schemaCount = ctx.findings.length;
  try {
    validateApiServerRules(ctx);
  } catch (e) {
    if (options.rethrow) throw e;
  }
  // A required field the API-server rules already name ("spec.selector: Required value") is reported once.
  const apiRequired = new Set(
    ctx.findings.slice(schemaCount).map((f) => /^(.*): Required value/.exec(f.message)?.[1]).filter((x): x is string => !!x),
  );
  // A value outside an enum is reported by the schema; the API-server rule on the same field says it again.
  const schemaUnsupported = new Set(
    ctx.findings.slice(0, schemaCount).map((f) => /^(.*): Unsupported value/.exec(f.message)?.[1]).filter((x): x is string => !!x),
  );
  const findings = ctx.findings.filter((f, i) => {
    if (i >= schemaCount) {
      const u = /^(.*): Unsupported value/.exec(f.message)?.[1];
      return !u || !schemaUnsupported.has(u);
    }
    const m = /^(.*): missing required field "(.*)"$/.exec(f.message);
    return !m || !apiRequired.has(m[1] === '(root)' ? m[2] : `${m[1]}.${m[2]}`);
  });
  return findings.sort(compareFindings);
}
