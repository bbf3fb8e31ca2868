import type { RuleMeta } from '../../common/rule';
import type { LineIndex } from '../../common/text';
import type { Finding } from '../../common/types';
import { moveFinding } from '../../common/findings';
import { buildGraph, graphLookups, type DockerfileRef, type GraphEdge, type ResourceGraph } from '../graph';
import { annotationsOf } from '../model';
import { rangeAt, type Resource } from '../parse';
import type { ManifestHit, ManifestRule } from './rule';
import {
  danglingHpa, danglingIngress, danglingNetworkPolicy, danglingPdb, danglingService, duplicateResource, missingConfigMap, missingKey,
  missingPvc, missingSecret, missingServiceAccount, selectorOverlap, serviceTargetPort,
} from './references/index';
import {
  envVarSecret, hostIpc, hostNetwork, hostPath, hostPid, latestTag, noAntiAffinity, noLivenessProbe, noReadinessProbe, privilegeEscalation,
  privileged, probePort, readOnlyRootFs, runAsNonRoot, sshPort, unsetCpuRequests, unsetMemoryLimit, unsetMemoryRequests,
} from './containers/index';
import { defaultNamespace, deprecatedApi, exposedService, pdbBlocksEviction } from './policy/index';

/** Every manifest rule: cross-resource checks first, then best practice and security. */
export const MANIFEST_RULES: ManifestRule[] = [
  danglingService, danglingIngress, danglingHpa, danglingNetworkPolicy, danglingPdb, serviceTargetPort, missingConfigMap, missingSecret,
  missingPvc, missingServiceAccount, missingKey, duplicateResource, selectorOverlap,
  latestTag, unsetCpuRequests, unsetMemoryRequests, unsetMemoryLimit, noLivenessProbe, noReadinessProbe, privileged, privilegeEscalation,
  runAsNonRoot, readOnlyRootFs, hostNetwork, hostPid, hostIpc, hostPath, envVarSecret, sshPort, probePort, noAntiAffinity,
  deprecatedApi, pdbBlocksEviction, defaultNamespace, exposedService,
];

const BY_ID = new Map<string, RuleMeta>(MANIFEST_RULES.map((r) => [r.meta.id, r.meta]));

export function manifestRuleDocs(ruleId: string): string | undefined {
  return BY_ID.get(ruleId)?.docs;
}

export interface ManifestFile {
  path: string;
  resources: Resource[];
  lines: LineIndex;
}

function suppressed(r: Resource, ruleId: string): boolean {
  const short = ruleId.replace(/^drydock\//, '');
  const ann = annotationsOf(r.object);
  if (ann[`ignore-check.kube-linter.io/${ruleId}`] !== undefined || ann[`ignore-check.kube-linter.io/${short}`] !== undefined) return true;
  if (ann['drydock.dev/ignore']?.split(/[,\s]+/).some((id) => id === ruleId || id === short)) return true;
  return r.comments.some((c) => {
    const m = /#\s*drydock-ignore\s+(.+)$/.exec(c);
    return !!m && m[1].split(/[,\s]+/).some((id) => id === ruleId || id === short || id === 'all');
  });
}

/** A hit of a rule. */
export interface RuleHit {
  rule: ManifestRule;
  hit: ManifestHit;
}

/** Turns hits into findings per file (ranges resolved, suppressions honoured); rule failures become one finding. */
function makeEmitter(files: ManifestFile[], fileOf: Map<Resource, ManifestFile>, findings: Map<string, Finding[]>) {
  const fail = (rule: ManifestRule, e: unknown) => {
    const first = files[0];
    if (first) findings.get(first.path)!.push({ rule: 'internal-error', severity: 'error', message: `Rule ${rule.meta.id} failed: ${(e as Error).message}. Please report it.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  };
  function emit(rule: ManifestRule, hits: ManifestHit[], into?: Finding[]): void {
    for (const h of hits) {
      const file = fileOf.get(h.resource);
      if (!file || suppressed(h.resource, rule.meta.id)) continue;
      (into ?? findings.get(file.path)!).push(toFinding(rule, h, file));
    }
  }
  function toFinding(rule: ManifestRule, h: ManifestHit, file: ManifestFile): Finding {
    const range = rangeAt(h.resource, file.lines, h.path, h.key);
    const fixes = [...(h.fixes ?? [])];
    for (const pf of h.pathFixes ?? []) {
      const target = fileOf.get(pf.resource);
      if (!target) continue;
      fixes.push({
        title: pf.title,
        ...(target !== file ? { path: target.path } : {}),
        ...(pf.isPreferred ? { isPreferred: true } : {}),
        edits: pf.edits.map((e) => {
          const at = rangeAt(pf.resource, target.lines, e.path);
          if (!e.insertAfterLine) return { range: at, newText: e.newText };
          const lines = pf.resource.lines ?? target.lines;
          const end = { line: at.end.line, character: lines.lineText(at.end.line).length };
          const indent = ' '.repeat(rangeAt(pf.resource, target.lines, e.path, true).start.character);
          return { range: { start: end, end }, newText: e.newText.split('\n').filter((l) => l !== '').map((l) => `\n${indent}${l}`).join('') };
        }),
      });
    }
    if (h.replaceValue) fixes.push({ title: h.replaceValue.title, edits: [{ range: rangeAt(h.resource, file.lines, h.path), newText: h.replaceValue.text }], isPreferred: true });
    const finding: Finding = {
      rule: rule.meta.id,
      severity: h.severity ?? rule.meta.severity,
      message: h.message,
      range,
      ...(fixes.length ? { fixes } : {}),
    };
    if (h.related?.length) {
      finding.related = h.related.flatMap((rel) => {
        const rf = fileOf.get(rel.resource);
        return rf ? [{ path: rf.path, range: rangeAt(rel.resource, rf.lines, rel.path), message: rel.message }] : [];
      });
    }
    return finding;
  }
  return { emit, fail };
}

/** What emitting findings over a set of files needs: each resource's file, every resource, an empty list per file. */
function emitterFor(files: ManifestFile[]) {
  const fileOf = new Map<Resource, ManifestFile>();
  for (const f of files) for (const r of f.resources) fileOf.set(r, f);
  const findings = new Map<string, Finding[]>(files.map((f) => [f.path, []]));
  return { fileOf, resources: files.flatMap((f) => f.resources), findings, ...makeEmitter(files, fileOf, findings) };
}

/**
 * Runs every manifest rule over the resources of all files at once (references resolve across
 * files) and returns the findings of each file, honouring suppressions. The workspace index links
 * incrementally instead (partitionHits, assembleLinked); this is the whole-file reference.
 */
export function runManifestRules(files: ManifestFile[], dockerfiles: DockerfileRef[] = []): { graph: ResourceGraph; findings: Map<string, Finding[]> } {
  const { resources, findings, emit, fail } = emitterFor(files);
  const graph = buildGraph(resources, dockerfiles);
  for (const rule of MANIFEST_RULES) {
    let hits: ManifestHit[];
    try {
      hits = rule.check({ resources, graph });
    } catch (e) {
      fail(rule, e);
      continue;
    }
    emit(rule, hits);
  }
  return { graph, findings };
}

/**
 * The one-resource rules: with a cache, their findings are kept per YAML node (a document whose text did
 * not change keeps its node) and only moved when lines above changed.
 */
function runLocalRules(
  resources: Resource[], graph: ResourceGraph, fileOf: Map<Resource, ManifestFile>, findings: Map<string, Finding[]>, cache: LocalRuleCache,
  emit: (rule: ManifestRule, hits: ManifestHit[], into?: Finding[]) => void, fail: (rule: ManifestRule, e: unknown) => void,
): void {
  for (const r of resources) {
    const shift = shiftOf(r);
    const hit = cache.get(r.node);
    const file = fileOf.get(r)!;
    if (hit) {
      const into = findings.get(file.path)!;
      if (shift === hit.shift) for (const f of hit.findings) into.push(f);
      else for (const f of hit.findings) into.push(moveFinding(f, shift - hit.shift, file.path));
      continue;
    }
    const mine: Finding[] = [];
    for (const rule of MANIFEST_RULES) {
      if (!LOCAL_RULES.has(rule)) continue;
      emit(rule, (() => { try { return rule.check({ resources: [r], graph }); } catch (e) { fail(rule, e); return []; } })(), mine);
    }
    cache.set(r.node, { shift, findings: mine });
    findings.get(file.path)!.push(...mine);
  }
}

/**
 * The cross-resource rules over one partition of the workspace: `resources` are the partition's own
 * resources plus the context they may refer to; only edges from, and hits about, `own` resources are kept.
 */
export function partitionHits(resources: Resource[], own: ReadonlySet<Resource>, dockerfiles: DockerfileRef[]): { edges: GraphEdge[]; hits: RuleHit[]; errors: Array<{ rule: ManifestRule; error: unknown }> } {
  const graph = buildGraph(resources, dockerfiles);
  const hits: RuleHit[] = [];
  const errors: Array<{ rule: ManifestRule; error: unknown }> = [];
  for (const rule of MANIFEST_RULES) {
    if (LOCAL_RULES.has(rule)) continue;
    try {
      for (const h of rule.check({ resources, graph })) if (own.has(h.resource)) hits.push({ rule, hit: h });
    } catch (error) {
      errors.push({ rule, error });
    }
  }
  return { edges: graph.edges.filter((e) => own.has(e.from)), hits, errors };
}

/**
 * Links partitions computed separately: one graph over every resource (the partitions' edges, lookups
 * over all), the one-resource rules through the cache, then the partitions' hits in rule order.
 */
export function assembleLinked(
  files: ManifestFile[], edges: GraphEdge[], hits: RuleHit[], errors: Array<{ rule: ManifestRule; error: unknown }>, cache: LocalRuleCache,
): { graph: ResourceGraph; findings: Map<string, Finding[]> } {
  const { fileOf, resources, findings, emit, fail } = emitterFor(files);
  const graph: ResourceGraph = { resources, edges, ...graphLookups(resources) };
  runLocalRules(resources, graph, fileOf, findings, cache, emit, fail);
  const order = new Map(MANIFEST_RULES.map((r, i) => [r, i]));
  const sorted = hits.map((h, i) => ({ h, i })).sort((a, b) => order.get(a.h.rule)! - order.get(b.h.rule)! || a.i - b.i);
  for (const { h } of sorted) {
    // A hit reused from an earlier link, with the same Resource objects, makes the same finding.
    const done = emitted.get(h.hit);
    if (done) {
      if (done.finding) findings.get(done.path)!.push(done.finding);
      continue;
    }
    const file = fileOf.get(h.hit.resource);
    const into: Finding[] = [];
    emit(h.rule, [h.hit], into);
    emitted.set(h.hit, { path: file?.path ?? '', finding: into[0] ?? null });
    if (into[0] && file) findings.get(file.path)!.push(into[0]);
  }
  for (const e of errors) fail(e.rule, e.error);
  return { graph, findings };
}

/**
 * Findings made from cross-resource hits, per hit object: a partition reused without moving keeps its hit
 * objects (and their Resource objects), so their findings are the same. Null when suppressed.
 */
const emitted = new WeakMap<ManifestHit, { path: string; finding: Finding | null }>();

/** Findings of the one-resource rules per YAML node, with the line shift they were made at. */
export type LocalRuleCache = WeakMap<object, { shift: number; findings: Finding[] }>;

/** Rules whose findings depend only on the resource they are about (no graph, no other resource). */
const LOCAL_RULES = new Set<ManifestRule>([
  latestTag, unsetCpuRequests, unsetMemoryRequests, unsetMemoryLimit, noLivenessProbe, noReadinessProbe, privileged, privilegeEscalation,
  runAsNonRoot, readOnlyRootFs, hostNetwork, hostPid, hostIpc, hostPath, envVarSecret, sshPort, probePort, noAntiAffinity,
  deprecatedApi, defaultNamespace, exposedService,
]);

const shiftOf = (r: Resource): number => (r.lines as { shift?: number } | undefined)?.shift ?? 0;

