import type { LineIndex } from '../../common/text';
import type { Finding, Severity } from '../../common/types';
import { rangeAt, type FieldPath, type Resource } from '../parse';

/** Where a validator reports: a field path inside the resource, resolved to the exact YAML range. */
export interface ValidationContext {
  resource: Resource;
  object: Record<string, unknown>;
  report(rule: string, path: FieldPath, message: string, opts?: { key?: boolean; severity?: Severity }): void;
  findings: Finding[];
}

export function createContext(resource: Resource, lines: LineIndex | undefined): ValidationContext {
  const findings: Finding[] = [];
  return {
    resource,
    object: resource.object,
    findings,
    report(rule, path, message, opts = {}) {
      let range = resource.kindRange;
      if (lines) {
        try {
          range = rangeAt(resource, lines, path, opts.key ?? false);
        } catch {
          /* keep the kind's range */
        }
      }
      findings.push({ rule, severity: opts.severity ?? 'error', message, range });
    },
  };
}

/** `spec.template.spec.containers[0].name` from ['spec','template','spec','containers',0,'name']. */
export function pathString(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const get = (o: unknown, ...keys: Array<string | number>): unknown => {
  let cur: unknown = o;
  for (const k of keys) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? cur[k] : undefined;
    else cur = isObj(cur) ? cur[k] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
};

/** Names of env vars that look like credentials: their values are never printed in a finding. */
export const CREDENTIAL_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;

/**
 * Whether the value at `path` may be a secret: the data of a Secret, or the value of an env var whose
 * name looks like a credential. Messages about such values say what is wrong, never what the value is.
 */
export function mayHoldSecret(ctx: Pick<ValidationContext, 'resource' | 'object'>, path: FieldPath): boolean {
  if (ctx.resource.kind === 'Secret' && (path[0] === 'data' || path[0] === 'stringData')) return true;
  for (let i = 0; i + 1 < path.length; i++) {
    if (path[i] !== 'env' || typeof path[i + 1] !== 'number') continue;
    const item = get(ctx.object, ...path.slice(0, i + 2));
    if (isObj(item) && typeof item.name === 'string' && CREDENTIAL_NAME.test(item.name)) return true;
  }
  return false;
}
