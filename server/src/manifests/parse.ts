import { LineCounter, parseAllDocuments, isMap, isScalar, isSeq, isPair, type Document, type Node, type YAMLMap } from 'yaml';
import { LineIndex } from '../common/text';
import type { Finding, Range } from '../common/types';

/** A path into an object: keys and array indexes. */
export type FieldPath = Array<string | number>;

/** One Kubernetes object of a YAML stream (a document with `apiVersion` and `kind`, or an item of a `kind: List`). */
export interface Resource {
  apiVersion: string;
  kind: string;
  name: string | null;
  namespace: string | null;
  /** Index of the document in the stream. */
  docIndex: number;
  /** Index within a `kind: List` document; null otherwise. */
  itemIndex: number | null;
  /** Range of the object, and of the kind's value (a good anchor for findings about the whole object). */
  range: Range;
  kindRange: Range;
  /** The object as plain JSON. */
  object: Record<string, unknown>;
  doc: Document.Parsed;
  /** The YAML map node of the object (positions kept). */
  node: YAMLMap;
  /** Comments of the document (for `# drydock-ignore …`). */
  comments: string[];
  /**
   * Set when the resource was parsed on its own (the workspace index parses documents one by one):
   * maps the offsets of `node` to positions in the whole file. `rangeAt` prefers it.
   */
  lines?: LineIndex;
}

export interface ManifestParse {
  /** Every document of the stream, Kubernetes or not. */
  documents: Document.Parsed[];
  resources: Resource[];
  /** YAML syntax errors and warnings. */
  findings: Finding[];
  /** True when at least one document is a Kubernetes object. */
  isKubernetes: boolean;
  lines: LineIndex;
}

/** Largest number of alias expansions a document may make before we call it a bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Ranges found per YAML node and path, in the node's own lines (before a document's shift): a node
 * belongs to one parse of one text, so its ranges never change, while rules ask for them on every link.
 */
const rangeCache = new WeakMap<object, Map<string, Range>>();

/** The range of a value (or of its key, with `key: true`) at a path inside a resource; falls back to the nearest existing parent. */
export function rangeAt(r: Resource, fileLines: LineIndex, path: FieldPath, key = false): Range {
  const lines = r.lines ?? fileLines;
  const shift = (lines as { shift?: number }).shift ?? 0;
  const cacheKey = `${key ? 'k' : 'v'}${path.join('\u0000')}`;
  let perNode = rangeCache.get(r.node);
  const hit = perNode?.get(cacheKey);
  if (hit) return shift ? { start: { line: hit.start.line + shift, character: hit.start.character }, end: { line: hit.end.line + shift, character: hit.end.character } } : hit;
  const found = findRange(r, lines, path, key);
  if (found === r.kindRange) return found; // the fallback moves with the resource: never cached
  if (!perNode) rangeCache.set(r.node, (perNode = new Map()));
  perNode.set(cacheKey, shift ? { start: { line: found.start.line - shift, character: found.start.character }, end: { line: found.end.line - shift, character: found.end.character } } : found);
  return found;
}

function findRange(r: Resource, lines: LineIndex, path: FieldPath, key: boolean): Range {
  let node: unknown = r.node;
  let best: Range = r.kindRange;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
      if (!pair) return best;
      const k = pair.key as Node;
      if (k.range) best = lines.rangeOf(k.range[0], k.range[1]);
      const v = pair.value as Node | null;
      if (last) return key || !v || !v.range || isMap(v) || isSeq(v) ? best : lines.rangeOf(v.range[0], v.range[1]);
      node = v;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item || !item.range) return best;
      best = isMap(item) || isSeq(item) ? lines.rangeOf(item.range[0], firstLineEnd(item, lines)) : lines.rangeOf(item.range[0], item.range[1]);
      if (last) return best;
      node = item;
    } else return best;
  }
  return best;
}

function firstLineEnd(node: Node, lines: LineIndex): number {
  const start = node.range![0];
  const p = lines.positionAt(start);
  return Math.min(node.range![1], lines.offsetAt({ line: p.line, character: lines.lineText(p.line).length }));
}

export function parseManifests(text: string): ManifestParse {
  const lineCounter = new LineCounter();
  const lines = new LineIndex(text);
  // logLevel 'error': the yaml package would otherwise print warnings (e.g. collection keys stringified) to stderr.
  const documents = parseAllDocuments(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const docs = Array.isArray(documents) ? documents : [];
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  const rangeOf = (pos: [number, number] | undefined): Range => (pos ? lines.rangeOf(pos[0], Math.max(pos[1], pos[0])) : lines.rangeOf(0, 0));

  const add = (doc: Document.Parsed, docIndex: number, node: YAMLMap, itemIndex: number | null, comments: string[]) => {
    const kindNode = node.get('kind', true);
    const apiNode = node.get('apiVersion', true);
    if (!isScalar(kindNode) || !isScalar(apiNode)) return;
    let object: Record<string, unknown>;
    try {
      object = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    } catch (e) {
      findings.push({ rule: 'yaml-syntax', severity: 'error', message: `Document cannot be read: ${(e as Error).message}`, range: rangeOf(node.range ? [node.range[0], node.range[1]] : undefined) });
      return;
    }
    if (object.kind === 'List' && Array.isArray(object.items)) {
      const items = node.get('items', true);
      if (isSeq(items)) items.items.forEach((it, i) => isMap(it) && add(doc, docIndex, it, i, comments));
      return;
    }
    const metadata = (object.metadata && typeof object.metadata === 'object' ? object.metadata : {}) as Record<string, unknown>;
    resources.push({
      apiVersion: String(apiNode.value),
      kind: String(kindNode.value),
      name: typeof metadata.name === 'string' ? metadata.name : null,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
      docIndex,
      itemIndex,
      range: rangeOf(node.range ? [node.range[0], node.range[1]] : undefined),
      kindRange: rangeOf(kindNode.range ? [kindNode.range[0], kindNode.range[1]] : undefined),
      object,
      doc,
      node,
      comments,
    });
  };

  let prevEnd = 0;
  docs.forEach((doc, docIndex) => {
    for (const err of doc.errors) findings.push({ rule: 'yaml-syntax', severity: 'error', message: cleanMessage(err.message), range: rangeOf(err.pos) });
    for (const warn of doc.warnings) findings.push({ rule: 'yaml-syntax', severity: 'warning', message: cleanMessage(warn.message), range: rangeOf(warn.pos) });
    if (doc.errors.length > 0 || !isMap(doc.contents)) return;
    // Comments of the document, including those above its first line (the yaml package keeps them outside the range).
    const end = doc.range?.[2] ?? doc.range?.[1] ?? text.length;
    const comments = text.slice(prevEnd, end).split(/\r\n|\r|\n/).filter((l) => /^\s*#/.test(l));
    prevEnd = end;
    add(doc, docIndex, doc.contents, null, comments);
  });
  return { documents: docs, resources, findings, isKubernetes: resources.length > 0, lines };
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line L, column C" and a source excerpt; the range already says where.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
