import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResourceGraph, Resource } from '../manifests/index';
import { namespaceOf, resourceKey } from '../manifests/index';
import type { GraphEdgeInfo, GraphNode, ResourceGraphResult } from '../protocol/manifests';

/** The graph as plain JSON for the faces (LSP request, CLI), filtered to a namespace when asked. */
export function exportGraph(graph: ResourceGraph, fileOf: (r: Resource) => string | undefined, namespace?: string, base?: string): ResourceGraphResult {
  const nodes = new Map<string, GraphNode>();
  const keep = (r: Resource) => namespace === undefined || namespaceOf(r) === namespace || namespaceOf(r) === null;
  for (const r of graph.resources) {
    if (!keep(r) || !r.name) continue;
    const file = fileOf(r);
    nodes.set(resourceKey(r), { id: resourceKey(r), kind: r.kind, name: r.name, namespace: namespaceOf(r), uri: file ? pathToFileURL(file).href : undefined, range: r.kindRange });
  }
  const edges: GraphEdgeInfo[] = [];
  for (const e of graph.edges) {
    if (!keep(e.from) || !e.from.name) continue;
    const from = resourceKey(e.from);
    let to: string;
    if (e.to) {
      to = resourceKey(e.to);
    } else {
      to = e.relation === 'runs' ? `Dockerfile/${e.target}` : e.target;
      if (!nodes.has(to)) {
        const [kind, ns, name] = e.relation === 'runs' ? ['Dockerfile', null, base ? path.relative(base, e.target) : e.target] : e.target.includes('/') ? e.target.split('/') : ['', namespaceOf(e.from), e.target];
        if (e.owned) nodes.set(to, { id: to, kind: e.owned.kind, name: e.owned.name, namespace: namespaceOf(e.from), owned: true });
        else nodes.set(to, { id: to, kind: kind as string, name: name as string, namespace: (ns as string) || null, dangling: e.relation !== 'runs', ...(e.relation === 'runs' ? { uri: pathToFileURL(e.target).href } : {}) });
      }
    }
    edges.push({ from, to, relation: e.relation, label: e.label, dangling: !e.to && e.relation !== 'runs' && e.relation !== 'owns' });
  }
  return { nodes: [...nodes.values()], edges };
}

export function graphToDot(g: ResourceGraphResult): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['digraph resources {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const n of g.nodes) lines.push(`  ${q(n.id)} [label=${q(n.kind ? `${n.kind}\n${n.name}` : n.name)}${n.dangling ? ', color=red, style=dashed' : ''}];`);
  for (const e of g.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.relation + (e.label ? ` ${e.label}` : ''))}${e.dangling ? ', color=red' : ''}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function graphToMermaid(g: ResourceGraphResult): string {
  const ids = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const esc = (s: string) => s.replace(/"/g, '#quot;');
  const lines = ['flowchart LR'];
  for (const n of g.nodes) lines.push(`  ${ids.get(n.id)}["${esc(`${n.kind} ${n.name}`.trim())}"]`);
  for (const e of g.edges) lines.push(`  ${ids.get(e.from)} -->|${esc(e.relation + (e.label ? ` ${e.label}` : ''))}| ${ids.get(e.to)}`);
  const dangling = g.nodes.filter((n) => n.dangling).map((n) => ids.get(n.id));
  if (dangling.length) lines.push(`  classDef dangling stroke:#d33,stroke-dasharray:4;`, `  class ${dangling.join(',')} dangling;`);
  return lines.join('\n') + '\n';
}
