import { LineIndex } from '../common/text';
import { moveFinding, moveRange } from '../common/findings';
import type { Finding, Position, Range } from '../common/types';
import type { DockerfileRef, ResourceGraph } from './graph';
import { parseManifests, type Resource } from './parse';
import type { GraphEdge } from './graph';
import { namespaceOf } from './model';
import { assembleLinked, partitionHits, type LocalRuleCache, type ManifestFile, type RuleHit } from './rules/index';
import type { ManifestHit, ManifestRule } from './rules/rule';
import { collectCrdSchemas, validateResource } from './validation/index';

/**
 * A LineIndex over one document's text that reports positions in the whole file: the document
 * starts `shift` lines down. Offsets stay local to the document (they are the YAML node offsets).
 */
export class ShiftedLineIndex extends LineIndex {
  constructor(text: string, readonly shift: number) {
    super(text);
  }
  override positionAt(offset: number): Position {
    const p = super.positionAt(offset);
    return { line: p.line + this.shift, character: p.character };
  }
  override offsetAt(pos: Position): number {
    return super.offsetAt({ line: pos.line - this.shift, character: pos.character });
  }
  override lineText(line: number): string {
    const local = line - this.shift;
    return local < 0 || local >= this.lineCount ? '' : super.lineText(local);
  }
  override lineRange(line: number): Range {
    const r = super.lineRange(Math.max(0, line - this.shift));
    return moveRange(r, this.shift);
  }
}

/** One document of a stream: its text, where it starts, and what was made of it. */
interface DocEntry {
  text: string;
  startLine: number;
  /** Resources with positions in the whole file. */
  resources: Resource[];
  /** Syntax and validation findings of the document, in document-local lines (shifted on output). */
  localFindings: Finding[];
  isKubernetes: boolean;
  /** The CRD signature of the file the validation was made with (custom resources are validated by CRDs of the same file). */
  crdKey: string;
}

interface FileEntry {
  text: string;
  docs: DocEntry[];
  looksLikeManifest: boolean;
}

export interface UpdateStats {
  /** Documents parsed (new or changed text). */
  parsed: number;
  /** Documents whose parse was reused (same text; positions moved when lines above changed). */
  reused: number;
}

/** A document's local findings moved to where the document starts, per findings array and start line. */
const shiftedFindings = new WeakMap<Finding[], { line: number; list: Finding[] }>();



/**
 * Splits a YAML stream into its documents at `---` lines (a marker in the first column always starts a
 * new document, even inside what looks like a block scalar), keeping each document's first line.
 * Streams with directives (`%YAML`) stay whole: a directive belongs to the document after it.
 */
export function splitDocuments(text: string): Array<{ text: string; startLine: number }> {
  if (text.startsWith('%') || text.includes('\n%')) return [{ text, startLine: 0 }];
  const out: Array<{ text: string; startLine: number }> = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let from = 0;
  // Walk the `\n---` candidates only, counting the lines in between.
  for (let at = text.indexOf('\n---', 0); at !== -1; at = text.indexOf('\n---', at + 1)) {
    const after = text.charCodeAt(at + 4);
    // `---` followed by a space, tab, line end or the end of the text.
    if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13)) continue;
    for (let i = text.indexOf('\n', from); i !== -1 && i <= at; i = text.indexOf('\n', i + 1)) line++;
    from = at + 1;
    out.push({ text: text.slice(start, at + 1), startLine });
    start = at + 1;
    startLine = line;
  }
  out.push({ text: text.slice(start), startLine });
  return out;
}

const crdSignature = (chunks: Array<{ text: string }>) => chunks.filter((c) => /^kind:\s*CustomResourceDefinition\s*$/m.test(c.text)).map((c) => c.text).join('\u0000');

/**
 * Every resource of every manifest file of a workspace, kept up to date one file at a time. An edit
 * re-parses and re-validates only the documents of the stream whose text changed (a document whose
 * text is the same but which moved down or up is reused with its positions moved), and re-links the
 * graph and the cross-resource rules, which depend on all files.
 * Pure: it never reads files; the workspace layer hands it text.
 */
export class ManifestIndex {
  private readonly files = new Map<string, FileEntry>();
  private linked: { graph: ResourceGraph; findings: Map<string, Finding[]> } | null = null;
  private fileOfResource = new Map<Resource, string>();
  private dockerfiles: DockerfileRef[] = [];
  /** Findings of the one-resource rules, per YAML node: unchanged documents are not checked again. */
  private readonly localRules: LocalRuleCache = new WeakMap();
  /** The cross-resource link per namespace (and one for cluster-scoped objects), kept between edits. */
  private partitions = new Map<string, Partition>();
  /** How many partitions the links so far computed and reused (for tests and benchmarks). */
  readonly stats = { linkedPartitions: 0, reusedPartitions: 0 };

  /** Sets (or replaces) a file's text. Returns how many documents were parsed and reused. */
  update(path: string, text: string): UpdateStats {
    const old = this.files.get(path);
    if (old && old.text === text) return { parsed: 0, reused: old.docs.length };
    const chunks = splitDocuments(text);
    const crdKey = crdSignature(chunks);
    // Reuse by text: a document may have moved, so look it up by content, each old entry once.
    const pool = new Map<string, DocEntry[]>();
    for (const d of old?.docs ?? []) if (d.crdKey === crdKey) pool.set(d.text, [...(pool.get(d.text) ?? []), d]);
    const stats: UpdateStats = { parsed: 0, reused: 0 };
    const docs = chunks.map((c) => {
      const prev = pool.get(c.text)?.shift();
      if (prev) {
        stats.reused++;
        return prev.startLine === c.startLine ? prev : moveDoc(prev, c.startLine);
      }
      stats.parsed++;
      return parseDoc(c.text, c.startLine, crdKey, chunks);
    });
    this.files.set(path, { text, docs, looksLikeManifest: /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text) });
    this.linked = null;
    return stats;
  }

  remove(path: string): void {
    if (this.files.delete(path)) this.linked = null;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  setDockerfiles(dockerfiles: DockerfileRef[]): void {
    this.dockerfiles = dockerfiles;
    this.linked = null;
  }

  /** The resources of one file, or of all files. */
  resources(path?: string): Resource[] {
    if (path !== undefined) return this.files.get(path)?.docs.flatMap((d) => d.resources) ?? [];
    return [...this.files.values()].flatMap((f) => f.docs.flatMap((d) => d.resources));
  }

  /** The file a resource of the index comes from. */
  fileOf(r: Resource): string | undefined {
    this.link();
    return this.fileOfResource.get(r);
  }

  graph(): ResourceGraph {
    return this.link().graph;
  }

  /** Findings of one file: its own syntax and validation findings, then the cross-resource rules. */
  findings(path: string): Finding[] {
    const f = this.files.get(path);
    if (!f) return [];
    const kube = f.docs.some((d) => d.isKubernetes);
    if (!kube && !f.looksLikeManifest) return [];
    // The same Finding objects while a document stays where it is, so the faces can reuse what they made of them.
    const own = f.docs.flatMap((d) => {
      const hit = shiftedFindings.get(d.localFindings);
      if (hit && hit.line === d.startLine) return hit.list;
      const list = d.localFindings.map((x) => moveFinding(x, d.startLine));
      shiftedFindings.set(d.localFindings, { line: d.startLine, list });
      return list;
    });
    return [...own, ...(this.link().findings.get(path) ?? [])];
  }

  /** Findings of every file. */
  allFindings(): Map<string, Finding[]> {
    return new Map(this.paths().map((p) => [p, this.findings(p)]));
  }

  private link(): { graph: ResourceGraph; findings: Map<string, Finding[]> } {
    if (this.linked) return this.linked;
    const files: ManifestFile[] = [];
    this.fileOfResource = new Map();
    for (const [path, f] of this.files) {
      const resources = f.docs.flatMap((d) => d.resources);
      if (resources.length === 0) continue;
      // Each resource carries its own (shifted) line index, so the file's index is only a fallback.
      files.push({ path, resources, lines: resources[0].lines ?? new LineIndex(f.text) });
      for (const r of resources) this.fileOfResource.set(r, path);
    }
    // Cross-resource rules partition by namespace: a reference, a selector or a duplicate never leaves its
    // namespace, but anything may refer to cluster-scoped objects. So a namespace is linked again only when
    // one of its resources, a cluster-scoped resource or the Dockerfiles changed; the others are reused, their
    // edges and hits moved onto the current Resource objects (same YAML node, maybe new lines).
    const groups = new Map<string, Resource[]>();
    for (const f of files) for (const r of f.resources) {
      const ns = namespaceOf(r);
      const key = ns === null ? CLUSTER : ns;
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    const cluster = groups.get(CLUSTER) ?? [];
    const dfKey = JSON.stringify(this.dockerfiles);
    const current = new Map<object, Resource>();
    for (const f of files) for (const r of f.resources) current.set(r.node, r);
    const edges: GraphEdge[] = [];
    const hits: RuleHit[] = [];
    const errors: Array<{ rule: ManifestRule; error: unknown }> = [];
    const next = new Map<string, Partition>();
    for (const [key, own] of groups) {
      const context = key === CLUSTER ? [] : cluster;
      const prev = this.partitions.get(key);
      let part: Partition;
      if (prev && prev.dfKey === dfKey && sameNodes(prev.own, own) && sameNodes(prev.context, context)) {
        part = prev.own.every((r, i) => r === own[i]) && prev.context.every((r, i) => r === context[i]) ? prev : moveOnto(prev, own, context, current);
        this.stats.reusedPartitions++;
      } else {
        const run = partitionHits([...own, ...context], new Set(own), this.dockerfiles);
        part = { own, context, dfKey, ...run };
        this.stats.linkedPartitions++;
      }
      next.set(key, part);
      edges.push(...part.edges);
      hits.push(...part.hits);
      errors.push(...part.errors);
    }
    this.partitions = next;
    this.linked = assembleLinked(files, edges, hits, errors, this.localRules);
    return this.linked;
  }
}

/** The key of the cluster-scoped partition (no namespace can be named so: namespaces are DNS labels). */
const CLUSTER = '\u0000cluster';

/** One namespace's (or the cluster scope's) share of the link, kept between edits. */
interface Partition {
  own: Resource[];
  context: Resource[];
  dfKey: string;
  edges: GraphEdge[];
  hits: RuleHit[];
  errors: Array<{ rule: ManifestRule; error: unknown }>;
}

const sameNodes = (a: Resource[], b: Resource[]) => a.length === b.length && a.every((r, i) => r.node === b[i].node);

/** A partition whose resources only moved: the same edges and hits, pointing at the current Resource objects. */
function moveOnto(p: Partition, own: Resource[], context: Resource[], current: Map<object, Resource>): Partition {
  const cur = (r: Resource) => current.get(r.node) ?? r;
  const moveHit = (h: ManifestHit): ManifestHit => {
    const now = cur(h.resource);
    const delta = now.range.start.line - h.resource.range.start.line;
    return {
      ...h,
      resource: now,
      ...(h.related ? { related: h.related.map((x) => ({ ...x, resource: cur(x.resource) })) } : {}),
      ...(h.pathFixes ? { pathFixes: h.pathFixes.map((x) => ({ ...x, resource: cur(x.resource) })) } : {}),
      // Fixes with explicit ranges are written about the hit's own resource (same file): they move with it.
      ...(h.fixes && delta ? { fixes: h.fixes.map((f) => (f.path ? f : { ...f, edits: f.edits.map((e) => ({ ...e, range: moveRange(e.range, delta) })) })) } : {}),
    };
  };
  return {
    ...p,
    own,
    context,
    edges: p.edges.map((e) => ({ ...e, from: cur(e.from), to: e.to ? cur(e.to) : null })),
    hits: p.hits.map((h) => ({ rule: h.rule, hit: moveHit(h.hit) })),
  };
}

function parseDoc(text: string, startLine: number, crdKey: string, chunks: Array<{ text: string }>): DocEntry {
  const parse = parseManifests(text);
  const local = parse.lines;
  let localFindings: Finding[] = [...parse.findings];
  if (parse.isKubernetes) {
    // Custom resources are checked against the CRDs of the whole file, as a whole-file parse would.
    const crds = crdKey ? collectCrdSchemas(chunks.flatMap((c) => (c.text === text ? parse.resources : parseManifests(c.text).resources.filter((r) => r.kind === 'CustomResourceDefinition')))) : collectCrdSchemas(parse.resources);
    localFindings = [...localFindings, ...parse.resources.flatMap((r) => validateResource(r, local, { crds }))];
  }
  const entry: DocEntry = { text, startLine: 0, resources: parse.resources, localFindings, isKubernetes: parse.isKubernetes, crdKey };
  return moveDoc(entry, startLine);
}

/** The same document, `startLine` lines down the file: new Resource objects with moved ranges. */
function moveDoc(d: DocEntry, startLine: number): DocEntry {
  const lines = new ShiftedLineIndex(d.text, startLine);
  const delta = startLine - d.startLine;
  return {
    ...d,
    startLine,
    resources: d.resources.map((r) => ({ ...r, range: moveRange(r.range, delta), kindRange: moveRange(r.kindRange, delta), lines })),
  };
}
