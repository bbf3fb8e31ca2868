/**
 * Lays out the server's resource graph for the Resource Graph panel with elkjs (the Eclipse Layout
 * Kernel's layered algorithm), in the extension host: the webview receives positioned nodes and
 * routed edges and only draws them. No vscode import here, so it runs in plain Node too.
 */
import type { ELK as ElkLayouter, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphEdgeInfo, GraphNode, Range, ResourceGraphResult } from '../../../server/src/protocol';

/** Colour groups the webview maps to theme chart colours. */
export type KindGroup = 'workload' | 'pod' | 'network' | 'config' | 'storage' | 'scaling' | 'access' | 'namespace' | 'image' | 'other';

export interface DrawnNode {
  id: string;
  kind: string;
  name: string;
  namespace: string | null;
  group: KindGroup;
  dangling: boolean;
  /** The first line drawn (the kind, or what is missing) and the second (the name, shortened to fit). */
  title: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  uri?: string;
  range?: Range;
}

export interface DrawnEdge {
  id: string;
  from: string;
  to: string;
  relation: GraphEdgeInfo['relation'];
  label: string;
  dangling: boolean;
  /** The route as points (start, bends, end). */
  points: Array<{ x: number; y: number }>;
  labelBox?: { x: number; y: number; width: number; height: number };
}

export interface DrawnGraph {
  width: number;
  height: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Every namespace in the unfiltered graph, sorted, for the filter. */
  namespaces: string[];
  /** The namespace shown, or null for all. */
  namespace: string | null;
}

const GROUPS: Record<string, KindGroup> = {
  Deployment: 'workload', StatefulSet: 'workload', DaemonSet: 'workload', ReplicaSet: 'workload', Job: 'workload', CronJob: 'workload', ReplicationController: 'workload',
  Pod: 'pod', '': 'pod',
  Service: 'network', Ingress: 'network', IngressClass: 'network', NetworkPolicy: 'network', Endpoints: 'network', EndpointSlice: 'network', Gateway: 'network', HTTPRoute: 'network',
  ConfigMap: 'config', Secret: 'config',
  PersistentVolumeClaim: 'storage', PersistentVolume: 'storage', StorageClass: 'storage',
  HorizontalPodAutoscaler: 'scaling', PodDisruptionBudget: 'scaling',
  ServiceAccount: 'access', Role: 'access', ClusterRole: 'access', RoleBinding: 'access', ClusterRoleBinding: 'access',
  Namespace: 'namespace',
  Dockerfile: 'image',
};

export function kindGroup(kind: string): KindGroup {
  return GROUPS[kind] ?? 'other';
}

const CHAR = 7.8;
const PAD = 24;
const MAX_CHARS = 34;
const NODE_H = 42;

function shorten(s: string, max = MAX_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** The namespaces of a graph (resources' own; cluster-scoped ones have none). */
export function namespacesOf(g: ResourceGraphResult): string[] {
  const set = new Set<string>();
  for (const n of g.nodes) if (n.namespace) set.add(n.namespace);
  for (const n of g.nodes) if (n.kind === 'Namespace' && n.name) set.add(n.name);
  return [...set].sort();
}

/**
 * Keeps the resources of one namespace, the Namespace object itself, and cluster-scoped nodes
 * (Dockerfiles, ClusterRoles, PersistentVolumes) that a kept resource points at or is pointed at by.
 */
export function filterNamespace(g: ResourceGraphResult, namespace: string | null): ResourceGraphResult {
  if (namespace === null) return g;
  const keep = new Set(g.nodes.filter((n) => n.namespace === namespace || (n.kind === 'Namespace' && n.name === namespace)).map((n) => n.id));
  const scoped = new Set(g.nodes.filter((n) => n.namespace === null).map((n) => n.id));
  for (const e of g.edges) {
    if (keep.has(e.from) && scoped.has(e.to)) keep.add(e.to);
    if (keep.has(e.to) && scoped.has(e.from)) keep.add(e.from);
  }
  return { nodes: g.nodes.filter((n) => keep.has(n.id)), edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

function describe(n: GraphNode): { title: string; label: string } {
  if (n.dangling) return { title: n.kind ? `${n.kind} · missing` : 'no match', label: n.name };
  return { title: n.kind || 'resource', label: n.name };
}

let elk: ElkLayouter | undefined;

/** elkjs is loaded the first time a graph is drawn, not when the extension activates. */
async function layouter(): Promise<ElkLayouter> {
  if (!elk) {
    const mod = await import('elkjs/lib/elk.bundled.js');
    const ELK = (mod.default ?? mod) as unknown as new () => ElkLayouter;
    elk = new ELK();
  }
  return elk;
}

/** Positions the graph left to right (users → what they use), edges routed orthogonally with their labels. */
export async function layoutGraph(g: ResourceGraphResult, namespaces: string[], namespace: string | null): Promise<DrawnGraph> {
  const ids = new Set(g.nodes.map((n) => n.id));
  const edges = g.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const meta = new Map(g.nodes.map((n) => [n.id, describe(n)]));
  const children: ElkNode[] = g.nodes.map((n) => {
    const d = meta.get(n.id)!;
    const chars = Math.max(shorten(d.title).length, shorten(d.label).length);
    return { id: n.id, width: Math.max(96, chars * CHAR + PAD), height: NODE_H };
  });
  const elkEdges: ElkExtendedEdge[] = edges.map((e, i) => {
    const text = edgeLabel(e);
    return { id: `e${i}`, sources: [e.from], targets: [e.to], labels: [{ text, width: shorten(text, 40).length * 6 + 8, height: 14 }] };
  });
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.componentComponent': '40',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children,
    edges: elkEdges,
  };
  const laid = await (await layouter()).layout(input);
  const pos = new Map((laid.children ?? []).map((c) => [c.id, c]));
  const nodes: DrawnNode[] = g.nodes.map((n) => {
    const p = pos.get(n.id);
    const d = meta.get(n.id)!;
    return {
      id: n.id, kind: n.kind, name: n.name, namespace: n.namespace, group: kindGroup(n.kind), dangling: !!n.dangling,
      title: shorten(d.title), label: shorten(d.label),
      x: p?.x ?? 0, y: p?.y ?? 0, width: p?.width ?? 96, height: p?.height ?? NODE_H,
      ...(n.uri ? { uri: n.uri } : {}), ...(n.range ? { range: n.range } : {}),
    };
  });
  const laidEdges = new Map((laid.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const drawn: DrawnEdge[] = edges.map((e, i) => {
    const le = laidEdges.get(`e${i}`);
    const points: Array<{ x: number; y: number }> = [];
    for (const s of le?.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    if (points.length === 0) {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (a && b) points.push({ x: (a.x ?? 0) + (a.width ?? 0), y: (a.y ?? 0) + (a.height ?? 0) / 2 }, { x: b.x ?? 0, y: (b.y ?? 0) + (b.height ?? 0) / 2 });
    }
    const lab = le?.labels?.[0];
    return {
      id: `e${i}`, from: e.from, to: e.to, relation: e.relation, label: shorten(edgeLabel(e), 40), dangling: e.dangling,
      points: points.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 })),
      ...(lab && lab.x !== undefined && lab.y !== undefined ? { labelBox: { x: lab.x, y: lab.y, width: lab.width ?? 0, height: lab.height ?? 0 } } : {}),
    };
  });
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes, edges: drawn, namespaces, namespace };
}

function edgeLabel(e: GraphEdgeInfo): string {
  return e.label ? `${e.relation} ${e.label}` : e.relation;
}

/**
 * The previous drawing with the new graph's source locations when nothing that is drawn changed (the
 * same nodes and edges, names, kinds and labels); null when the graph must be laid out again. Most edits
 * of a manifest move ranges without changing the graph, and a layout of a large graph is not free.
 */
export function reuseLayout(prev: DrawnGraph | null, g: ResourceGraphResult, namespaces: string[], namespace: string | null): DrawnGraph | null {
  if (!prev || prev.namespace !== namespace || prev.nodes.length !== g.nodes.length || prev.edges.length !== g.edges.length) return null;
  if (prev.namespaces.join('\n') !== namespaces.join('\n')) return null;
  const nodes: DrawnNode[] = [];
  for (let i = 0; i < g.nodes.length; i++) {
    const n = g.nodes[i];
    const p = prev.nodes[i];
    if (p.id !== n.id || p.kind !== n.kind || p.name !== n.name || p.namespace !== n.namespace || p.dangling !== !!n.dangling) return null;
    const { uri: _u, range: _r, ...geometry } = p;
    nodes.push({ ...geometry, ...(n.uri ? { uri: n.uri } : {}), ...(n.range ? { range: n.range } : {}) });
  }
  for (let i = 0; i < g.edges.length; i++) {
    const e = g.edges[i];
    const p = prev.edges[i];
    if (p.from !== e.from || p.to !== e.to || p.relation !== e.relation || p.dangling !== e.dangling || p.label !== shorten(edgeLabel(e), 40)) return null;
  }
  return { ...prev, nodes };
}
