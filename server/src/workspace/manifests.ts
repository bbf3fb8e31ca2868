import * as path from 'node:path';
import type { Finding } from '../common/types';
import { ManifestIndex, type DockerfileRef, type Resource, type ResourceGraph } from '../manifests/index';
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

/** One index for the process: the server calls analyseManifestSet on every change, so documents whose text did not change are not parsed again. */
const shared = new ManifestIndex();
let sharedDockerfiles = '';

/**
 * A set of YAML files analysed together: each file's syntax and validation findings, then the
 * cross-resource rules over all of them, so references resolve across files. Backed by an incremental
 * index: only documents whose text changed since the last call are parsed and validated again.
 */
export function analyseManifestSet(files: Array<{ path: string; text: string }>, dockerfiles: DockerfileRef[] = []): ManifestSetResult {
  const wanted = new Set(files.map((f) => f.path));
  for (const p of shared.paths()) if (!wanted.has(p)) shared.remove(p);
  for (const f of files) shared.update(f.path, f.text);
  const dfKey = JSON.stringify(dockerfiles);
  if (dfKey !== sharedDockerfiles) {
    shared.setDockerfiles(dockerfiles);
    sharedDockerfiles = dfKey;
  }
  const findings = new Map<string, Finding[]>();
  const fileOf = new Map<Resource, string>();
  for (const f of files) {
    findings.set(f.path, shared.findings(f.path));
    for (const r of shared.resources(f.path)) fileOf.set(r, f.path);
  }
  return { findings, graph: shared.graph(), fileOf };
}

/** Findings for a set of YAML files analysed together, so references across files resolve. */
export function manifestFindings(files: Array<{ path: string; text: string }>, _options: AnalyseOptions): Map<string, Finding[]> {
  return analyseManifestSet(files).findings;
}
