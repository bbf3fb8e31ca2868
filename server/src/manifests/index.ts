import type { Finding } from '../common/types';
import { parseManifests, type ManifestParse } from './parse';
import { collectCrdSchemas, validateResource } from './validation/index';

export { parseManifests } from './parse';
export { describeField, collectCrdSchemas } from './validation/index';
export type { Resource, ManifestParse } from './parse';

export interface ManifestAnalysis {
  parse: ManifestParse;
  findings: Finding[];
}

/**
 * Parses and checks one YAML stream. YAML that holds no Kubernetes object (docker-compose,
 * GitHub workflows, Helm values, …) gets no findings at all: it is not ours to judge.
 */
export function analyseManifests(text: string): ManifestAnalysis {
  const parse = parseManifests(text);
  if (!parse.isKubernetes && !looksLikeBrokenManifest(text)) return { parse, findings: [] };
  const crds = collectCrdSchemas(parse.resources);
  return { parse, findings: [...parse.findings, ...parse.resources.flatMap((r) => validateResource(r, parse.lines, { crds }))] };
}

/** A stream whose YAML is broken but which plainly meant to be a manifest still gets syntax errors. */
function looksLikeBrokenManifest(text: string): boolean {
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text);
}

export { manifestRuleDocs, runManifestRules, MANIFEST_RULES } from './rules/index';
export type { ManifestFile } from './rules/index';
export { buildGraph } from './graph';
export type { ResourceGraph, GraphEdge, Relation, DockerfileRef } from './graph';
export { rangeAt } from './parse';
export type { FieldPath } from './parse';
export { namespaceOf, resourceKey, podTemplateOf, containersOf, labelsOf, isClusterScoped, replicasOf } from './model';
export { ManifestIndex, ShiftedLineIndex, splitDocuments } from './workspaceIndex';
export type { UpdateStats } from './workspaceIndex';
export { pathAt, edgeAt, definitionAt, referencesTo, referencesFrom, selection, selectorsOf, resolveServicePort } from './queries';
export type { PortTarget, ServicePortResolution } from './queries';
export { completeManifest } from './completion';
export type { ManifestCompletion, CompletionWorkspace } from './completion';
