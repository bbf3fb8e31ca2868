import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseManifestSet, dockerfileRefs } from '../../workspace/manifests';
import { findFiles } from '../../workspace/files';
import { exportGraph, graphToDot, graphToMermaid } from '../../workspace/graphExport';
import { oneOf, parseCommandArgs, parseKeyValues } from '../args';
import type { CommandIO } from '../io';

export const GRAPH_USAGE = `Usage: drydock graph [paths…] [--format json|dot|mermaid] [--namespace NS] [--image IMAGE=DOCKERFILE]…

The resource graph of the manifests under the paths: which Services select which workloads, which
Ingresses route where, what pods use (ConfigMaps, Secrets, PVCs, ServiceAccounts), what HPAs scale, and
which Dockerfile builds each image (by --image, e.g. --image registry.example.com/shop/web=web/Dockerfile,
matched with or without the tag; else by the convention image name = the Dockerfile's folder name).
Dangling references are kept and marked.`;

export async function runGraph(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' }, namespace: { type: 'string' }, image: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(GRAPH_USAGE + '\n');
    return 0;
  }
  const format = oneOf('format', values.format, ['json', 'dot', 'mermaid'] as const, 'json');
  const found = findFiles(positionals.length ? positionals : ['.']);
  const yaml = found.filter((f) => f.kind === 'yaml').map((f) => ({ path: f.path, text: fs.readFileSync(f.path, 'utf8') }));
  const images = Object.fromEntries(Object.entries(parseKeyValues('image', 'IMAGE=DOCKERFILE', values.image)).map(([img, df]) => [img, path.resolve(io.cwd, df)]));
  const listed = found.filter((f) => f.kind === 'dockerfile').map((f) => f.path);
  // A mapped Dockerfile counts even when the paths given do not include it.
  const dockerfiles = dockerfileRefs([...new Set([...listed, ...Object.values(images).filter((p) => fs.existsSync(p))])], images);
  const { graph, fileOf } = analyseManifestSet(yaml, dockerfiles);
  const result = exportGraph(graph, (r) => fileOf.get(r), values.namespace, io.cwd);
  io.stdout(format === 'dot' ? graphToDot(result) : format === 'mermaid' ? graphToMermaid(result) : JSON.stringify(result, null, 2) + '\n');
  return 0;
}
