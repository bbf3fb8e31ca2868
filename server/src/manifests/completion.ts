/**
 * Completion in Kubernetes manifests, driven by the pinned Kubernetes schema and by what the workspace
 * already holds. It works on the text alone (indentation), so it answers while the YAML is half typed
 * and before apiVersion/kind are written: keys of the object at the cursor, enum values, apiVersion/kind
 * pairs, label keys and values used elsewhere, and the names (and keys, and ports) of the ConfigMaps,
 * Secrets, Services, PVCs and ServiceAccounts a reference can point at.
 * Pure: text in, suggestions out.
 */
import type { Position, Range } from '../common/types';
import { containersOf, labelsOf, namespaceOf, podTemplateOf, stringMap } from './model';
import type { Resource } from './parse';
import { knownKinds, schemaNodeAt, type CrdSchemas, type SchemaField } from './validation/index';

export interface ManifestCompletion {
  label: string;
  kind: 'field' | 'value' | 'enum' | 'kind' | 'reference' | 'label';
  detail?: string;
  documentation?: string;
  /** Text that replaces `range`; a snippet (with $1, ${1|a,b|}, $0) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  range: Range;
  /** Sorts required fields first, then the rest alphabetically. */
  sortText?: string;
  filterText?: string;
}

export interface CompletionWorkspace {
  /** Every resource of the workspace (other files included). */
  resources: Resource[];
  crds?: CrdSchemas;
}

interface Shape {
  indent: number;
  /** Columns of the `- ` markers that open list items on this line. */
  dashCols: number[];
  /** Column of the first character after indentation and dashes. */
  keyCol: number;
  key?: string;
  /** The scalar after `key:` (unquoted, comment dropped); '' when the key opens a block. */
  value?: string;
}

function shapeOf(line: string): Shape | null {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  if (i >= line.length || line[i] === '#' || line[i] === '\t' || line[i] === '\r') return null;
  const indent = i;
  const dashCols: number[] = [];
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ')) {
    dashCols.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const rest = line.slice(i).replace(/\r$/, '');
  const m = /^("[^"]*"|'[^']*'|[^\s#"'{[][^#]*?)\s*:(?:\s+(.*))?$/.exec(rest);
  if (!m) return { indent, dashCols, keyCol: i };
  return { indent, dashCols, keyCol: i, key: unquote(m[1]), value: unquote(stripComment(m[2] ?? '')) };
}

const stripComment = (v: string) => v.replace(/\s+#.*$/, '').trim();
const unquote = (v: string) => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);

/** One level of the path to the cursor: the map (or list item) and the sibling key/values seen in it. */
interface Frame {
  segment: string | number;
  siblings: Map<string, string>;
}

/** Collects the scalar key/values of the map whose keys sit at `col`, around line `anchor`. */
function siblingsAt(lines: string[], from: number, to: number, anchor: number, col: number): Map<string, string> {
  const out = new Map<string, string>();
  const take = (s: Shape) => {
    if (s.key !== undefined && s.keyCol === col && !out.has(s.key)) out.set(s.key, s.value ?? '');
  };
  const self = anchor >= from && anchor < to ? shapeOf(lines[anchor]) : null;
  if (self) take(self);
  if (!self || !self.dashCols.length || self.keyCol !== col) {
    for (let j = anchor - 1; j >= from; j--) {
      const s = shapeOf(lines[j]);
      if (!s || s.keyCol > col) continue;
      if (s.keyCol < col) break;
      take(s);
      if (s.dashCols.length) break;
    }
  }
  for (let j = anchor + 1; j < to; j++) {
    const s = shapeOf(lines[j]);
    if (!s || s.keyCol > col) continue;
    if (s.keyCol < col || s.dashCols.length) break;
    take(s);
  }
  return out;
}

/**
 * The path from the document root to the map whose keys sit at `col` on line `line` (`itemStart` when
 * that line opens a list item), found by indentation alone. Frames run outermost first.
 */
function pathTo(lines: string[], from: number, to: number, line: number, col: number, itemStart: number | null): Frame[] {
  const frames: Frame[] = [];
  let cur = { col, anchor: line, seq: false };
  const enterItem = (dashCol: number, anchor: number) => {
    frames.push({ segment: 0, siblings: siblingsAt(lines, from, to, anchor, cur.col) });
    cur = { col: dashCol, anchor, seq: true };
  };
  // The map at the cursor may itself be a list item opened on the cursor line.
  if (itemStart !== null) enterItem(itemStart, line);
  for (let j = line - 1; j >= from; j--) {
    const s = shapeOf(lines[j]);
    if (!s) continue;
    if (!cur.seq) {
      if (s.keyCol > cur.col) continue;
      if (s.keyCol === cur.col) {
        if (s.dashCols.length) enterItem(s.dashCols[s.dashCols.length - 1], j);
        continue;
      }
    } else if (s.keyCol > cur.col) continue;
    // A line left of the current map (or, for a list, at or left of its dashes): the parent key.
    if (s.key === undefined || (s.value !== '' && !/^[|>]/.test(s.value ?? ''))) break;
    frames.push({ segment: s.key, siblings: cur.seq ? new Map() : siblingsAt(lines, from, to, cur.anchor, cur.col) });
    cur = { col: s.keyCol, anchor: j, seq: false };
    if (s.dashCols.length) enterItem(s.dashCols[s.dashCols.length - 1], j);
  }
  // The root map.
  if (cur.col === 0 && !cur.seq) frames.push({ segment: '', siblings: siblingsAt(lines, from, to, cur.anchor, 0) });
  else return [];
  return frames.reverse();
}

/** The first and last line (exclusive) of the YAML document holding `line`. */
function documentBounds(lines: string[], line: number): [number, number] {
  let from = 0;
  for (let j = line; j >= 0; j--) if (j !== line && /^---(\s|$)/.test(lines[j])) { from = j + 1; break; }
  if (/^---(\s|$)/.test(lines[line] ?? '')) from = line + 1;
  let to = lines.length;
  for (let j = line + 1; j < lines.length; j++) if (/^---(\s|$)/.test(lines[j])) { to = j; break; }
  return [from, to];
}

/** ObjectMeta fields the API server sets: nobody writes them in a manifest. */
const SERVER_SET = new Set(['creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'generation', 'managedFields', 'resourceVersion', 'selfLink', 'uid']);

const LABEL_MAPS = new Set(['labels', 'matchLabels', 'nodeSelector']);

/** Completion items at a position of a YAML file. */
export function completeManifest(text: string, position: Position, ws: CompletionWorkspace): ManifestCompletion[] {
  const lines = text.split('\n');
  const lineText = (lines[position.line] ?? '').replace(/\r$/, '');
  const prefix = lineText.slice(0, position.character);
  const [from, to] = documentBounds(lines, position.line);
  if (position.line < from) return [];
  const root = (key: string, indent = '') => {
    const re = new RegExp(`^${indent}${key}\\s*:\\s*(["']?)([^\\s"'#]+)\\1`);
    for (let j = from; j < to; j++) {
      const m = re.exec(lines[j]);
      if (m) return m[2];
    }
    return null;
  };
  const apiVersion = root('apiVersion');
  const kind = root('kind');

  const keyMatch = /^(\s*)((?:-\s+)*)([^\s:#"'{[-][^:#]*|)$/.exec(prefix);
  const valueMatch = /^(\s*)((?:-\s+)*)("[^"]*"|'[^']*'|[^\s:#"'{[-][^:#]*?)\s*:\s+(["']?)([^"'#]*)$/.exec(prefix);
  if (valueMatch) {
    const col = valueMatch[1].length + valueMatch[2].length;
    const itemStart = valueMatch[2] ? col - 2 : null;
    const frames = pathTo(lines, from, to, position.line, col, itemStart);
    if (!frames.length && col !== 0) return [];
    const key = unquote(valueMatch[3]);
    const partial = valueMatch[5];
    const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
    return valueCompletions({ frames, key, apiVersion, kind, ws, range, namespace: root('namespace', ' {1,4}') });
  }
  if (keyMatch) {
    const col = keyMatch[1].length + keyMatch[2].length;
    const itemStart = keyMatch[2] ? col - 2 : null;
    const frames = col === 0 && !itemStart ? [{ segment: '', siblings: siblingsAt(lines, from, to, position.line, 0) }] : pathTo(lines, from, to, position.line, col, itemStart);
    if (!frames.length) return [];
    const partial = keyMatch[3];
    const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
    return keyCompletions({ frames, apiVersion, kind, ws, range, col, text, from, to, lines });
  }
  return [];
}

const segmentsOf = (frames: Frame[]) => frames.slice(1).map((f) => f.segment);

interface KeyArgs {
  frames: Frame[];
  apiVersion: string | null;
  kind: string | null;
  ws: CompletionWorkspace;
  range: Range;
  col: number;
  text: string;
  from: number;
  to: number;
  lines: string[];
}

function keyCompletions(a: KeyArgs): ManifestCompletion[] {
  const path = segmentsOf(a.frames);
  const here = a.frames[a.frames.length - 1].siblings;
  const out: ManifestCompletion[] = [];
  if (path.length === 0 && (!a.apiVersion || !a.kind) && !here.has('apiVersion') && !here.has('kind')) {
    // No kind yet: offer whole objects by kind.
    for (const k of preferredKinds()) {
      out.push({
        label: `${k.kind} (${k.apiVersion})`,
        kind: 'kind',
        detail: `apiVersion: ${k.apiVersion} · kind: ${k.kind}`,
        documentation: k.description,
        insertText: `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: \${1:name}\n$0`,
        snippet: true,
        range: a.range,
        sortText: `1${k.rank}${k.kind}`,
        filterText: `${k.kind} ${k.apiVersion}`,
      });
    }
  }
  const last = path[path.length - 1];
  if (typeof last === 'string' && LABEL_MAPS.has(last) || isServiceSelector(path, a.kind)) {
    for (const [k, values] of labelUsage(a.ws.resources)) {
      if (here.has(k)) continue;
      out.push({ label: k, kind: 'label', detail: `label used in the workspace: ${[...values].slice(0, 3).join(', ')}${values.size > 3 ? ', …' : ''}`, insertText: `${k}: `, range: a.range, sortText: `0${k}` });
    }
    return out;
  }
  const node = schemaNodeAt(a.apiVersion, a.kind, path, a.ws.crds) ?? (path.length === 0 ? rootFallback() : null);
  if (!node || node.kind !== 'object') return out;
  const indent = ' '.repeat(a.col);
  for (const f of node.fields) {
    if (here.has(f.name) || (f.name === 'status' && path.length === 0) || (path[path.length - 1] === 'metadata' && SERVER_SET.has(f.name))) continue;
    out.push({
      label: f.name,
      kind: 'field',
      detail: `${f.type}${f.required ? ' · required' : ''}`,
      documentation: f.description,
      insertText: insertFor(f, indent),
      snippet: true,
      range: a.range,
      sortText: `${f.required ? '0' : '2'}${f.name}`,
    });
  }
  return out;
}

function isServiceSelector(path: Array<string | number>, kind: string | null): boolean {
  return kind === 'Service' && path.length === 2 && path[0] === 'spec' && path[1] === 'selector';
}

function insertFor(f: SchemaField, indent: string): string {
  const esc = (s: string) => s.replace(/[$}\\,|]/g, (c) => `\\${c}`);
  switch (f.shape) {
    case 'scalar':
      if (f.enum?.length) return `${f.name}: \${1|${f.enum.map(esc).join(',')}|}`;
      if (f.type === 'boolean') return `${f.name}: \${1|true,false|}`;
      return `${f.name}: $0`;
    case 'object':
    case 'map':
      return `${f.name}:\n${indent}  $0`;
    case 'list-of-objects':
    case 'list-of-scalars':
      return `${f.name}:\n${indent}  - $0`;
  }
}

/** The top-level fields every object has, when the kind is not known yet. */
function rootFallback() {
  return {
    kind: 'object' as const,
    fields: [
      { name: 'apiVersion', type: 'string', shape: 'scalar' as const, description: 'The versioned schema of this object, e.g. apps/v1.', required: true },
      { name: 'kind', type: 'string', shape: 'scalar' as const, description: 'The kind of object, e.g. Deployment.', required: true },
      { name: 'metadata', type: 'ObjectMeta', shape: 'object' as const, description: "Standard object's metadata: name, namespace, labels, annotations.", required: false },
      { name: 'spec', type: 'object', shape: 'object' as const, description: 'The desired state of the object.', required: false },
    ],
  };
}

/** Kinds people write most come first; every other kind of the schema follows. */
const COMMON = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim', 'ServiceAccount', 'Namespace', 'Pod', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

function preferredKinds(): Array<{ apiVersion: string; kind: string; description: string; rank: string }> {
  // One entry per kind: its stable version (v1 over v1beta1 over v1alpha1).
  const best = new Map<string, { apiVersion: string; kind: string; description: string }>();
  const maturity = (v: string) => (/alpha/.test(v) ? 0 : /beta/.test(v) ? 1 : 2);
  for (const k of knownKinds()) {
    const cur = best.get(k.kind);
    if (!cur || maturity(k.apiVersion) > maturity(cur.apiVersion)) best.set(k.kind, k);
  }
  return [...best.values()].map((k) => {
    const i = COMMON.indexOf(k.kind);
    return { ...k, rank: i >= 0 ? String(i).padStart(2, '0') : '99' };
  });
}

/** Label keys used in the workspace (object labels and pod template labels), with their values. */
function labelUsage(resources: Resource[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (labels: Record<string, string>) => {
    for (const [k, v] of Object.entries(labels)) {
      const set = out.get(k) ?? new Set<string>();
      set.add(String(v));
      out.set(k, set);
    }
  };
  for (const r of resources) {
    add(labelsOf(r.object));
    const t = podTemplateOf(r);
    if (t) add(t.labels);
    const sel = (r.object as Record<string, any>).spec?.selector;
    if (sel && typeof sel === 'object') add(stringMap(r.kind === 'Service' ? sel : sel.matchLabels));
  }
  return out;
}

interface ValueArgs {
  frames: Frame[];
  key: string;
  apiVersion: string | null;
  kind: string | null;
  ws: CompletionWorkspace;
  range: Range;
  namespace: string | null;
}

function valueCompletions(a: ValueArgs): ManifestCompletion[] {
  const path = segmentsOf(a.frames);
  const parent = path[path.length - 1];
  const grand = path[path.length - 2];
  const here = a.frames[a.frames.length - 1]?.siblings ?? new Map<string, string>();
  const out: ManifestCompletion[] = [];
  const value = (label: string, detail?: string, kind: ManifestCompletion['kind'] = 'value', documentation?: string) =>
    out.push({ label, kind, insertText: label, range: a.range, ...(detail ? { detail } : {}), ...(documentation ? { documentation } : {}) });
  const ns = a.namespace;
  const named = (kinds: string[]) => a.ws.resources.filter((r) => kinds.includes(r.kind) && r.name && (!ns || !namespaceOf(r) || namespaceOf(r) === ns));
  const names = (kinds: string[]) => {
    const seen = new Set<string>();
    for (const r of named(kinds)) if (!seen.has(r.name!)) { seen.add(r.name!); value(r.name!, `${r.kind}${namespaceOf(r) ? ` in ${namespaceOf(r)}` : ''}`, 'reference'); }
    return out;
  };

  if (path.length === 0 && a.key === 'apiVersion') {
    const versions = new Map<string, string[]>();
    for (const k of knownKinds()) versions.set(k.apiVersion, [...(versions.get(k.apiVersion) ?? []), k.kind]);
    for (const [v, kinds] of versions) if (!a.kind || kinds.includes(a.kind)) value(v, kinds.slice(0, 4).join(', ') + (kinds.length > 4 ? ', …' : ''));
    return out;
  }
  if (path.length === 0 && a.key === 'kind') {
    const seen = new Set<string>();
    for (const k of knownKinds()) if ((!a.apiVersion || k.apiVersion === a.apiVersion) && !seen.has(k.kind)) { seen.add(k.kind); value(k.kind, k.apiVersion, 'kind', k.description); }
    return out;
  }
  // References by name.
  if (a.key === 'name' && (parent === 'configMapKeyRef' || parent === 'configMapRef' || parent === 'configMap')) return names(['ConfigMap']);
  if (a.key === 'name' && (parent === 'secretKeyRef' || parent === 'secretRef' || parent === 'imagePullSecrets' || grand === 'imagePullSecrets')) return names(['Secret']);
  if (a.key === 'secretName') return names(['Secret']);
  if (a.key === 'claimName') return names(['PersistentVolumeClaim']);
  if (a.key === 'serviceAccountName') return names(['ServiceAccount']);
  if (a.key === 'name' && parent === 'service' && a.kind === 'Ingress') return names(['Service']);
  if (a.key === 'name' && parent === 'scaleTargetRef') return names([here.get('kind') || 'Deployment']);
  if (a.key === 'key' && (parent === 'configMapKeyRef' || parent === 'secretKeyRef')) {
    const target = named([parent === 'configMapKeyRef' ? 'ConfigMap' : 'Secret']).find((r) => r.name === here.get('name'));
    if (target) {
      const o = target.object as Record<string, any>;
      for (const k of new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})])) value(k, `key of ${target.kind} ${target.name}`, 'reference');
    }
    return out;
  }
  if ((a.key === 'number' || a.key === 'name') && parent === 'port' && grand === 'service' && a.kind === 'Ingress') {
    const svcName = a.frames[a.frames.length - 2]?.siblings.get('name');
    const svc = named(['Service']).find((r) => r.name === svcName);
    for (const p of ((svc?.object as any)?.spec?.ports ?? []) as Array<{ port?: number; name?: string }>) {
      if (a.key === 'number' && typeof p.port === 'number') value(String(p.port), `port of Service ${svc!.name}${p.name ? ` (${p.name})` : ''}`, 'reference');
      if (a.key === 'name' && p.name) value(p.name, `port ${p.port} of Service ${svc!.name}`, 'reference');
    }
    return out;
  }
  if (a.key === 'targetPort' && a.kind === 'Service') {
    // Named container ports of the pods this Service's selector would pick (any workload of the namespace).
    const seen = new Set<string>();
    for (const r of a.ws.resources) {
      const t = podTemplateOf(r);
      if (!t || (ns && namespaceOf(r) !== ns)) continue;
      for (const c of containersOf(t)) for (const p of (c.container.ports ?? []) as Array<{ name?: string; containerPort?: number }>) {
        if (p.name && !seen.has(p.name)) { seen.add(p.name); value(p.name, `containerPort ${p.containerPort} of ${r.kind} ${r.name}`, 'reference'); }
      }
    }
    return out;
  }
  // Label values used in the workspace for this key.
  if ((typeof parent === 'string' && LABEL_MAPS.has(parent)) || isServiceSelector(path, a.kind)) {
    for (const v of labelUsage(a.ws.resources).get(a.key) ?? []) value(v, `value of label ${a.key} in the workspace`, 'label');
    return out;
  }
  const node = schemaNodeAt(a.apiVersion, a.kind, [...path, a.key], a.ws.crds);
  if (node?.kind === 'scalar') {
    if (node.enum) for (const v of node.enum) value(v, undefined, 'enum');
    else if (node.type === 'boolean') for (const v of ['true', 'false']) value(v, undefined, 'enum');
  }
  return out;
}
