/**
 * A JSON Schema (draft-07) of every built-in Kubernetes kind, made from the same pinned definitions
 * Drydock validates with (server/src/manifests/validation/schema/k8s-schema.json, from kubernetes-types),
 * shaped like the "all kinds" schema yaml-language-server uses for Kubernetes (a oneOf over the kinds,
 * each strict: apiVersion and kind fixed, unknown fields rejected). The peer gets it as a local file,
 * so the side-by-side benchmark needs no network and both servers know the same fields.
 */
import schema from '../../server/src/manifests/validation/schema/k8s-schema.json';

interface Def { d: string; p?: Record<string, [string, string, string[]?]>; r?: string[]; t?: string }
const S = schema as unknown as { kinds: Record<string, string>; defs: Record<string, Def> };

function typeOf(code: string): Record<string, unknown> {
  switch (code[0]) {
    case '[': return { type: 'array', items: typeOf(code.slice(1)) };
    case '{': return { type: 'object', additionalProperties: typeOf(code.slice(1)) };
    case '@': return { $ref: `#/definitions/${code.slice(1)}` };
    case 's': return { type: 'string' };
    case 'n': return { type: 'number' };
    case 'b': return { type: 'boolean' };
    case 'q': case 'i': return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    default: return {};
  }
}

export function kubernetesJsonSchema(): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(S.defs)) {
    if (def.t) {
      definitions[name] = { description: def.d, ...typeOf(def.t) };
      continue;
    }
    const properties: Record<string, unknown> = {};
    for (const [field, [code, description, allowed]] of Object.entries(def.p ?? {})) properties[field] = { description, ...typeOf(code), ...(allowed ? { enum: allowed } : {}) };
    definitions[name] = { type: 'object', description: def.d, properties, additionalProperties: false, ...(def.r?.length ? { required: def.r } : {}) };
  }
  const oneOf = Object.entries(S.kinds).map(([gvk, defName]) => {
    const [apiVersion, kind] = gvk.split(' ');
    return { allOf: [{ $ref: `#/definitions/${defName}` }, { properties: { apiVersion: { enum: [apiVersion] }, kind: { enum: [kind] } }, required: ['apiVersion', 'kind'] }] };
  });
  return { $schema: 'http://json-schema.org/draft-07/schema#', definitions, oneOf };
}
