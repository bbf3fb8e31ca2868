import * as path from 'node:path';
import type { Finding } from '../common/types';
import { analyseManifests, runManifestRules, type DockerfileRef, type ManifestFile, type Resource, type ResourceGraph } from '../manifests/index';
import type { AnalyseOptions } from './analyse';

export interface ManifestSetResult {
  findings: Map<string, Finding[]>;
  graph: ResourceGraph;
  /** The file each resource comes from. */
  fileOf: Map<Resource, string>;
}

/** Dockerfiles known by path, named by their folder (the convention `image: shop/web` ↔ `web/Dockerfile`). */
export function dockerfileRefs(paths: string[], imageMap: Record<string, string> = {}): DockerfileRef[] {
  return paths.map((p) => ({
    path: p,
    names: [path.basename(path.dirname(p)), ...Object.entries(imageMap).filter(([, df]) => path.resolve(df) === path.resolve(p)).map(([img]) => img)],
  }));
}

/**
 * A set of YAML files analysed together: each file's syntax and validation findings, then the
 * cross-resource rules over all of them, so references resolve across files.
 */
export function analyseManifestSet(files: Array<{ path: string; text: string }>, dockerfiles: DockerfileRef[] = []): ManifestSetResult {
  const parsed: ManifestFile[] = [];
  const findings = new Map<string, Finding[]>();
  const fileOf = new Map<Resource, string>();
  for (const f of files) {
    const a = cachedAnalysis(f.path, f.text);
    findings.set(f.path, a.findings);
    if (a.parse.isKubernetes) parsed.push({ path: f.path, resources: a.parse.resources, lines: a.parse.lines });
    for (const r of a.parse.resources) fileOf.set(r, f.path);
  }
  const { graph, findings: ruleFindings } = runManifestRules(parsed, dockerfiles);
  for (const [p, list] of ruleFindings) findings.set(p, [...(findings.get(p) ?? []), ...list]);
  return { findings, graph, fileOf };
}

/** Per-file analyses reused while a file's text is unchanged (cross-file rules still run each time). */
const perFile = new Map<string, { text: string; result: ReturnType<typeof analyseManifests> }>();

function cachedAnalysis(path: string, text: string): ReturnType<typeof analyseManifests> {
  const hit = perFile.get(path);
  if (hit && hit.text === text) return hit.result;
  const result = analyseManifests(text);
  perFile.set(path, { text, result });
  if (perFile.size > 2000) perFile.delete(perFile.keys().next().value as string);
  return result;
}

/** Findings for a set of YAML files analysed together, so references across files resolve. */
export function manifestFindings(files: Array<{ path: string; text: string }>, _options: AnalyseOptions): Map<string, Finding[]> {
  return analyseManifestSet(files).findings;
}
