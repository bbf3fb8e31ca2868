import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { LineIndex } from '../common/text';
import type { Position } from '../common/types';
import type { GraphEdge, ResourceGraph } from './graph';
import { containersOf, podTemplateOf, replicasOf } from './model';
import type { FieldPath, Resource } from './parse';

/**
 * Questions the editor asks about the resource graph, as pure functions over a graph: what a selector
 * selects, what a port resolves to, where a reference points, what points at a resource.
 */

/** The path of the innermost key or value at a position inside a resource (null when outside it). */
export function pathAt(r: Resource, fileLines: LineIndex, pos: Position): FieldPath | null {
  const lines = r.lines ?? fileLines;
  const offset = lines.offsetAt(pos);
  const inside = (n: unknown): n is Node => !!n && !!(n as Node).range && (n as Node).range![0] <= offset && offset <= (n as Node).range![1];
  if (!inside(r.node)) return null;
  const path: FieldPath = [];
  let node: unknown = r.node;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (inside(p.key) || inside(p.value)));
      if (!pair || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value));
      if (inside(pair.key) && !inside(pair.value)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => inside(it));
      if (i < 0) return path;
      path.push(i);
      node = node.items[i];
    } else return path;
  }
}

const startsWith = (path: FieldPath, prefix: FieldPath) => prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

/** The reference written at (or around) a path of a resource: the edge with the longest path that the given path is inside of, or that ends inside the given path's parent. */
export function edgeAt(graph: ResourceGraph, r: Resource, path: FieldPath): GraphEdge | null {
  let best: GraphEdge | null = null;
  for (const e of graph.edges) {
    if (e.from !== r) continue;
    // A cursor on `name: x` of a reference, or on the reference's map (`configMapRef:`), or on a sibling key (`key:`).
    const parent = e.path.slice(0, -1);
    const hit = startsWith(path, e.path) || (parent.length > 0 && startsWith(path, parent) && path.length <= e.path.length);
    if (hit && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}

/** Where "go to definition" goes from a path of a resource: the referenced resource (null for a dangling or Dockerfile reference). */
export function definitionAt(graph: ResourceGraph, r: Resource, path: FieldPath): Resource | null {
  return edgeAt(graph, r, path)?.to ?? null;
}

/** Every edge that points at a resource (who selects, routes to, scales, uses or binds it). */
export function referencesTo(graph: ResourceGraph, r: Resource): GraphEdge[] {
  return graph.edges.filter((e) => e.to === r);
}

/** Every edge that leaves a resource, dangling ones included. */
export function referencesFrom(graph: ResourceGraph, r: Resource): GraphEdge[] {
  return graph.edges.filter((e) => e.from === r);
}

/** What a selecting resource (Service, PodDisruptionBudget, NetworkPolicy) selects, and how many pods that makes (replicas; DaemonSets count as 1 per node, unknown here, so they are listed apart). */
export function selection(graph: ResourceGraph, r: Resource): { workloads: Resource[]; pods: number; perNode: Resource[] } {
  const workloads = graph.edges.filter((e) => e.from === r && e.relation === 'selects' && e.to).map((e) => e.to!);
  const perNode = workloads.filter((w) => w.kind === 'DaemonSet');
  const pods = workloads.reduce((n, w) => n + (replicasOf(w) ?? (w.kind === 'Job' || w.kind === 'CronJob' ? 1 : 0)), 0);
  return { workloads, pods, perNode };
}

/** Resources that select a workload's pods. */
export function selectorsOf(graph: ResourceGraph, workload: Resource): Resource[] {
  return graph.edges.filter((e) => e.to === workload && e.relation === 'selects').map((e) => e.from);
}

export interface PortTarget {
  workload: Resource;
  container: string;
  containerPort: number;
  portName?: string;
  /** Path of the container port in the workload. */
  path: FieldPath;
}

export interface ServicePortResolution {
  /** Index of the Service port in spec.ports (null when none matches). */
  index: number | null;
  port?: number;
  name?: string;
  /** targetPort as written, defaulting to the port. */
  targetPort?: number | string;
  /** Container ports of the selected workloads the targetPort lands on. */
  targets: PortTarget[];
}

/**
 * Resolves a port of a Service, given as an Ingress backend gives it (a number is the Service `port`, a
 * string its port `name`), then its targetPort (a number, or a container port name) to the container
 * ports of the selected workloads. A numeric targetPort a container does not declare still resolves
 * to nothing listed, since the process may listen there anyway.
 */
export function resolveServicePort(graph: ResourceGraph, service: Resource, port: number | string): ServicePortResolution {
  const ports = (((service.object as any).spec?.ports ?? []) as Array<Record<string, any>>);
  const index = ports.findIndex((p) => (typeof port === 'number' ? p?.port === port : p?.name === port));
  if (index < 0) return { index: null, targets: [] };
  const p = ports[index];
  const targetPort: number | string | undefined = p.targetPort ?? p.port;
  const targets: PortTarget[] = [];
  for (const w of selection(graph, service).workloads) {
    const t = podTemplateOf(w);
    if (!t) continue;
    for (const c of containersOf(t)) {
      ((c.container.ports ?? []) as Array<Record<string, any>>).forEach((cp, i) => {
        if (!cp || typeof cp !== 'object') return;
        const hit = typeof targetPort === 'number' ? cp.containerPort === targetPort : cp.name === targetPort;
        if (hit) targets.push({ workload: w, container: String(c.container.name ?? c.index), containerPort: cp.containerPort, portName: cp.name, path: [...c.path, 'ports', i] });
      });
    }
  }
  return { index, port: p.port, name: p.name, targetPort, targets };
}
