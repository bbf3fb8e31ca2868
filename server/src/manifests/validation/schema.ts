/**
 * Offline schema validation against the Kubernetes API definitions of a pinned version (the compact
 * k8s-schema.json built by schema/build-schema.mjs from the npm packages kubernetes-types, with enum values
 * from kubernetes-models), and against
 * the openAPIV3Schema of CustomResourceDefinitions found in the workspace. Reports unknown fields (with a
 * "did you mean"), wrong types, values outside an enum and missing required fields; field descriptions for hover come from the
 * same data (describeField).
 */
import schemaData from './schema/k8s-schema.json';
import { editDistance as levenshtein } from '../../common/strings';
import type { FieldPath, Resource } from '../parse';
import { isObj, mayHoldSecret, pathString, type ValidationContext } from './context';

interface Def {
  d: string;
  /** field → [type code, description, allowed values when an enum] */
  p?: Record<string, [string, string, string[]?]>;
  r?: string[];
  t?: string;
}
interface SchemaFile {
  source: string;
  kubernetes: string;
  kinds: Record<string, string>;
  defs: Record<string, Def>;
}

const SCHEMA = schemaData as unknown as SchemaFile;
export const SCHEMA_SOURCE = SCHEMA.source;
export const KUBERNETES_VERSION = SCHEMA.kubernetes;

export const SCHEMA_RULE = 'drydock/schema';

/** A node of the JSON Schema subset CRDs use (structural schemas). */
export interface CrdSchema {
  type?: string;
  description?: string;
  properties?: Record<string, CrdSchema>;
  required?: string[];
  items?: CrdSchema;
  additionalProperties?: CrdSchema | boolean;
  enum?: unknown[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  anyOf?: CrdSchema[];
  oneOf?: CrdSchema[];
  allOf?: CrdSchema[];
}

/** openAPIV3Schema per "group/version Kind", gathered from the CRDs of a workspace. */
export type CrdSchemas = ReadonlyMap<string, CrdSchema>;

/** Collects the openAPIV3Schema of every served version of every CustomResourceDefinition among the resources. */
export function collectCrdSchemas(resources: ReadonlyArray<Pick<Resource, 'kind' | 'apiVersion' | 'object'>>): Map<string, CrdSchema> {
  const out = new Map<string, CrdSchema>();
  for (const r of resources) {
    if (r.kind !== 'CustomResourceDefinition' || !r.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
    const spec = r.object.spec;
    if (!isObj(spec)) continue;
    const group = typeof spec.group === 'string' ? spec.group : '';
    const kind = isObj(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : '';
    if (!group || !kind) continue;
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    for (const v of versions) {
      if (!isObj(v) || typeof v.name !== 'string') continue;
      const s = isObj(v.schema) ? v.schema.openAPIV3Schema : undefined;
      if (isObj(s)) out.set(`${group}/${v.name} ${kind}`, s as CrdSchema);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Built-in kinds

function defOf(code: string): Def | undefined {
  if (!code.startsWith('@')) return undefined;
  let d = SCHEMA.defs[code.slice(1)];
  let guard = 0;
  while (d && d.t && d.t.startsWith('@') && guard++ < 10) d = SCHEMA.defs[d.t.slice(1)];
  return d;
}

/** The type code of a definition that is an alias ("q", "s"…), else the code itself. */
function resolveCode(code: string): string {
  if (!code.startsWith('@')) return code;
  const d = defOf(code);
  if (!d) return 'a';
  if (d.p) return code;
  return d.t && !d.t.startsWith('@') ? d.t : 'a';
}

const TYPE_NAMES: Record<string, string> = { s: 'string', n: 'number', b: 'boolean', q: 'quantity (string or number)', i: 'integer or string' };

function jsType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function describeValue(v: unknown): string {
  const t = jsType(v);
  if (t === 'string' || t === 'number' || t === 'boolean') return `${t} ${JSON.stringify(v)}`;
  return t;
}

/** Closest candidate by edit distance (or case-insensitive equality), when close enough to be a typo. */
export function suggest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(c.length / 3)));
    const prefix = c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase());
    const score = prefix && Math.abs(c.length - name.length) <= 3 ? Math.min(d, 1.5) : d;
    if (score <= limit && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  return Math.abs(a.length - b.length) > 4 ? 99 : levenshtein(a, b);
}

const MAX_DEPTH = 64;

function checkBuiltin(ctx: ValidationContext, code: string, value: unknown, path: FieldPath, depth: number, allowed?: string[]): void {
  if (value === null || value === undefined || depth > MAX_DEPTH) return; // null means "unset" to the API server
  const c = resolveCode(code);
  const wrong = (expected: string): void =>
    ctx.report(SCHEMA_RULE, path, `${pathString(path) || '(root)'}: wrong type: expected ${expected}, got ${shownValue(ctx, path, value)}`);
  switch (c[0]) {
    case 'a':
      return;
    case 's':
      if (typeof value !== 'string') wrong('string');
      else if (allowed && !allowed.includes(value)) {
        ctx.report(SCHEMA_RULE, path, `${pathString(path)}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
      }
      return;
    case 'n':
      if (typeof value !== 'number') wrong('number');
      return;
    case 'b':
      if (typeof value !== 'boolean') wrong('boolean');
      return;
    case 'q':
    case 'i':
      if (typeof value !== 'string' && typeof value !== 'number') wrong(TYPE_NAMES[c]);
      return;
    case '[':
      if (!Array.isArray(value)) return wrong('array');
      value.forEach((item, i) => checkBuiltin(ctx, c.slice(1), item, [...path, i], depth + 1));
      return;
    case '{':
      if (!isObj(value)) return wrong('object (a map)');
      for (const [k, v] of Object.entries(value)) checkBuiltin(ctx, c.slice(1), v, [...path, k], depth + 1);
      return;
    case '@': {
      const def = defOf(c);
      if (!def || !def.p) return;
      if (!isObj(value)) return wrong('object');
      const props = def.p;
      for (const [k, v] of Object.entries(value)) {
        const prop = props[k];
        if (!prop) {
          const s = suggest(k, Object.keys(props));
          ctx.report(SCHEMA_RULE, [...path, k], `${pathString([...path, k])}: unknown field${s ? `; did you mean ${s}?` : ''}`, { key: true });
          continue;
        }
        checkBuiltin(ctx, prop[0], v, [...path, k], depth + 1, prop[2]);
      }
      for (const req of def.r ?? []) {
        if (req === 'apiVersion' || req === 'kind') continue;
        if (value[req] === undefined || value[req] === null) {
          ctx.report(SCHEMA_RULE, path, `${pathString(path) || '(root)'}: missing required field "${req}"`, { key: true });
        }
      }
      return;
    }
    default:
  }
}

// ---------------------------------------------------------------------------------------------
// CRD schemas

function checkCrd(ctx: ValidationContext, s: CrdSchema | undefined, value: unknown, path: FieldPath, depth: number): void {
  if (!s || value === null || value === undefined || depth > MAX_DEPTH) return;
  if (s['x-kubernetes-int-or-string']) {
    if (typeof value !== 'string' && typeof value !== 'number') report(ctx, path, 'integer or string', value);
    return;
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => e === value)) {
    ctx.report(SCHEMA_RULE, path, `${pathString(path)}: Unsupported value: ${JSON.stringify(value)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') report(ctx, path, 'string', value);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) report(ctx, path, 'integer', value);
      return;
    case 'number':
      if (typeof value !== 'number') report(ctx, path, 'number', value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(ctx, path, 'boolean', value);
      return;
    case 'array':
      if (!Array.isArray(value)) return report(ctx, path, 'array', value);
      value.forEach((v, i) => checkCrd(ctx, s.items, v, [...path, i], depth + 1));
      return;
    case 'object': {
      if (!isObj(value)) return report(ctx, path, 'object', value);
      const props = s.properties ?? {};
      const isRoot = path.length === 0;
      for (const [k, v] of Object.entries(value)) {
        if (isRoot && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
        if (props[k]) checkCrd(ctx, props[k], v, [...path, k], depth + 1);
        else if (isObj(s.additionalProperties)) checkCrd(ctx, s.additionalProperties, v, [...path, k], depth + 1);
        else if (!s['x-kubernetes-preserve-unknown-fields'] && s.additionalProperties !== true && s.properties) {
          const sug = suggest(k, Object.keys(props));
          ctx.report(SCHEMA_RULE, [...path, k], `${pathString([...path, k])}: unknown field${sug ? `; did you mean ${sug}?` : ''}`, { key: true });
        }
      }
      for (const req of s.required ?? []) {
        if (value[req] === undefined || value[req] === null) {
          ctx.report(SCHEMA_RULE, path, `${pathString(path) || '(root)'}: missing required field "${req}"`, { key: true });
        }
      }
      return;
    }
    default:
  }
}

function report(ctx: ValidationContext, path: FieldPath, expected: string, value: unknown): void {
  ctx.report(SCHEMA_RULE, path, `${pathString(path) || '(root)'}: wrong type: expected ${expected}, got ${shownValue(ctx, path, value)}`);
}

/** The value for a message, unless it may be a secret (then only its type). */
function shownValue(ctx: ValidationContext, path: FieldPath, value: unknown): string {
  return mayHoldSecret(ctx, path) ? `${jsType(value)} (value not shown: it may be a secret)` : describeValue(value);
}

/** Schema findings for one resource. Kinds neither built in nor defined by a known CRD are left alone. */
export function validateSchema(ctx: ValidationContext, crds?: CrdSchemas): void {
  const { apiVersion, kind } = ctx.resource;
  const defName = SCHEMA.kinds[`${apiVersion} ${kind}`];
  if (defName) {
    checkBuiltin(ctx, `@${defName}`, ctx.object, [], 0);
    return;
  }
  const crd = crds?.get(`${apiVersion} ${kind}`);
  if (crd) {
    checkCrd(ctx, crd, ctx.object, [], 0);
    if (ctx.object.metadata !== undefined) checkBuiltin(ctx, '@meta.v1.ObjectMeta', ctx.object.metadata, ['metadata'], 1);
  }
}

/** Whether the pinned schema knows this apiVersion/kind. */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return SCHEMA.kinds[`${apiVersion} ${kind}`] !== undefined;
}

export interface FieldDescription {
  /** The field's documentation from the Kubernetes API definitions (or the CRD schema). */
  description: string;
  /** Allowed values when the field is an enumeration. */
  enum?: string[];
  /** A readable type: "string", "integer or string", "[]Container", "map[string]string", "DeploymentSpec", … */
  type: string;
  required: boolean;
}

function typeName(code: string): string {
  const c = code.startsWith('@') && defOf(code) && !defOf(code)!.p ? resolveCode(code) : code;
  if (c.startsWith('[')) return `[]${typeName(c.slice(1))}`;
  if (c.startsWith('{')) return `map[string]${typeName(c.slice(1))}`;
  if (c.startsWith('@')) return c.slice(c.lastIndexOf('.') + 1);
  return { s: 'string', n: 'number', b: 'boolean', q: 'Quantity', i: 'integer or string', a: 'any' }[c] ?? 'any';
}

/**
 * Documentation of the field at `path` (keys; array indexes are skipped or given as numbers) of an
 * apiVersion/kind, from the pinned Kubernetes schema or a CRD's openAPIV3Schema. An empty path describes
 * the kind itself. Null when unknown.
 */
export function describeField(apiVersion: string, kind: string, path: ReadonlyArray<string | number>, crds?: CrdSchemas): FieldDescription | null {
  const defName = SCHEMA.kinds[`${apiVersion} ${kind}`];
  if (defName) {
    let code = `@${defName}`;
    let desc = SCHEMA.defs[defName]?.d ?? '';
    let required = false;
    let allowed: string[] | undefined;
    for (const seg of path) {
      while (code.startsWith('[')) code = code.slice(1);
      if (typeof seg === 'number') continue;
      if (code.startsWith('{')) {
        // A key of a map (labels.app, limits.cpu): described by the map itself, typed by its values.
        code = code.slice(1);
        continue;
      }
      const def = defOf(code);
      const prop = def?.p?.[seg];
      if (!def || !prop) return null;
      required = (def.r ?? []).includes(seg);
      code = prop[0];
      desc = prop[1];
      allowed = prop[2];
    }
    return { description: desc, type: typeName(code), required, ...(allowed ? { enum: allowed } : {}) };
  }
  let s = crds?.get(`${apiVersion} ${kind}`);
  if (!s) return null;
  let required = false;
  for (const seg of path) {
    while (s && s.type === 'array') s = s.items;
    if (typeof seg === 'number' || !s) continue;
    const next: CrdSchema | undefined = s.properties?.[seg] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
    if (!next) return null;
    required = (s.required ?? []).includes(seg);
    s = next;
  }
  if (!s) return null;
  const values = Array.isArray(s.enum) ? s.enum.map((e) => String(e)) : undefined;
  return { description: s.description ?? '', type: s['x-kubernetes-int-or-string'] ? 'integer or string' : (s.type ?? 'any'), required, ...(values ? { enum: values } : {}) };
}

/** One field of an object type, for completion. */
export interface SchemaField {
  name: string;
  /** Readable type, as in describeField. */
  type: string;
  /** What to write after the key: a scalar value, a nested object or map, or a list. */
  shape: 'scalar' | 'object' | 'map' | 'list-of-objects' | 'list-of-scalars';
  description: string;
  required: boolean;
  enum?: string[];
}

/** What the schema says about the node at a path: an object with fields, a map, or a scalar. */
export type SchemaNode =
  | { kind: 'object'; fields: SchemaField[] }
  | { kind: 'map'; valueType: string }
  | { kind: 'scalar'; type: string; enum?: string[] };

function shapeOfCode(code: string): SchemaField['shape'] {
  const c = resolveCode(code);
  if (c.startsWith('[')) {
    const inner = resolveCode(c.slice(1));
    return inner.startsWith('@') || inner.startsWith('{') || inner.startsWith('[') ? 'list-of-objects' : 'list-of-scalars';
  }
  if (c.startsWith('{')) return 'map';
  if (c.startsWith('@')) return 'object';
  return 'scalar';
}

function shapeOfCrd(s: CrdSchema): SchemaField['shape'] {
  if (s.type === 'array') return s.items && (s.items.type === 'object' || s.items.type === 'array') ? 'list-of-objects' : 'list-of-scalars';
  if (s.type === 'object') return s.properties ? 'object' : 'map';
  return 'scalar';
}

function nodeOfCode(code: string): SchemaNode | null {
  const c = resolveCode(code);
  if (c.startsWith('{')) return { kind: 'map', valueType: typeName(c.slice(1)) };
  if (c.startsWith('[')) return nodeOfCode(c.slice(1));
  const def = defOf(c);
  if (def?.p) {
    const required = new Set(def.r ?? []);
    return {
      kind: 'object',
      fields: Object.entries(def.p).map(([name, [t, description, allowed]]) => ({
        name, type: typeName(t), shape: shapeOfCode(t), description, required: required.has(name), ...(allowed ? { enum: allowed } : {}),
      })),
    };
  }
  return { kind: 'scalar', type: typeName(c) };
}

/**
 * The schema node at `path` (keys and array indexes) of an apiVersion/kind, for completion: the fields of an
 * object, the value type of a map, or a scalar's type and allowed values. Without a known kind, `metadata`
 * still resolves (every object has ObjectMeta). Null when the schema does not know the path.
 */
export function schemaNodeAt(apiVersion: string | null, kind: string | null, path: ReadonlyArray<string | number>, crds?: CrdSchemas): SchemaNode | null {
  const defName = apiVersion && kind ? SCHEMA.kinds[`${apiVersion} ${kind}`] : undefined;
  const crd = apiVersion && kind ? crds?.get(`${apiVersion} ${kind}`) : undefined;
  if (!defName && crd && path[0] !== 'metadata') {
    let s: CrdSchema | undefined = crd;
    for (const seg of path) {
      if (!s) return null;
      if (typeof seg === 'number') {
        s = s.type === 'array' ? s.items : s;
        continue;
      }
      if (s.type === 'array') s = s.items;
      s = s?.properties?.[seg] ?? (isObj(s?.additionalProperties) ? (s!.additionalProperties as CrdSchema) : undefined);
    }
    while (s && s.type === 'array') s = s.items;
    if (!s) return null;
    if (s.properties) {
      const required = new Set(s.required ?? []);
      return {
        kind: 'object',
        fields: Object.entries(s.properties).map(([name, p]) => ({
          name, type: p['x-kubernetes-int-or-string'] ? 'integer or string' : (p.type ?? 'any'), shape: shapeOfCrd(p), description: p.description ?? '', required: required.has(name),
          ...(Array.isArray(p.enum) ? { enum: p.enum.map(String) } : {}),
        })),
      };
    }
    if (s.type === 'object' || isObj(s.additionalProperties)) return { kind: 'map', valueType: isObj(s.additionalProperties) ? ((s.additionalProperties as CrdSchema).type ?? 'any') : 'any' };
    return { kind: 'scalar', type: s.type ?? 'any', ...(Array.isArray(s.enum) ? { enum: s.enum.map(String) } : {}) };
  }
  let code: string;
  let rest: ReadonlyArray<string | number> = path;
  if (defName) code = `@${defName}`;
  else if (path[0] === 'metadata') {
    code = '@meta.v1.ObjectMeta';
    rest = path.slice(1);
  } else return null;
  let allowed: string[] | undefined;
  for (const seg of rest) {
    code = resolveCode(code);
    if (typeof seg === 'number') {
      if (code.startsWith('[')) code = code.slice(1);
      continue;
    }
    while (code.startsWith('[')) code = resolveCode(code.slice(1));
    if (code.startsWith('{')) {
      code = code.slice(1);
      allowed = undefined;
      continue;
    }
    const prop = defOf(code)?.p?.[seg];
    if (!prop) return null;
    code = prop[0];
    allowed = prop[2];
  }
  const node = nodeOfCode(code);
  if (node?.kind === 'scalar' && allowed) node.enum = allowed;
  return node;
}

/** Every apiVersion/kind pair the pinned schema knows. */
export function knownKinds(): Array<{ apiVersion: string; kind: string; description: string }> {
  return Object.entries(SCHEMA.kinds).map(([k, def]) => {
    const [apiVersion, kind] = k.split(' ');
    return { apiVersion, kind, description: SCHEMA.defs[def]?.d ?? '' };
  });
}
