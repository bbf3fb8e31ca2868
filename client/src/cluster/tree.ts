import * as vscode from 'vscode';
import type { ClusterView, PodView } from '../../../server/src/protocol';

type Node =
  | { type: 'group'; id: string; label: string; children: () => Node[]; description?: string; icon?: string }
  | { type: 'leaf'; id: string; label: string; description?: string; tooltip?: string; icon: string; color?: string; contextValue?: string; data?: Record<string, string> };

function podNode(p: PodView): Node {
  const bad = p.reason && p.reason !== 'ContainerCreating';
  const icon = p.ready ? 'pass-filled' : p.phase === 'Pending' && !p.node ? 'clock' : bad ? 'error' : 'loading~spin';
  const state = p.reason ?? p.phase;
  return {
    type: 'leaf',
    id: `pod/${p.namespace}/${p.name}`,
    label: p.name,
    description: `${p.ready ? '1/1' : '0/1'} ${state}${p.restarts ? ` · ${p.restarts} restarts` : ''}${p.node ? ` · ${p.node}` : ''}`,
    tooltip: p.message ? `${state}: ${p.message}` : state,
    icon,
    color: p.ready ? 'testing.iconPassed' : bad ? 'testing.iconFailed' : undefined,
    contextValue: 'drydock.pod',
    data: { namespace: p.namespace, name: p.name },
  };
}

/** The Cluster tree: nodes, then namespaces with Deployments > ReplicaSets > Pods, Services > endpoints, Ingresses, and events. */
export class ClusterTreeProvider implements vscode.TreeDataProvider<Node> {
  static readonly viewId = 'drydock.cluster';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  view: ClusterView | null = null;
  private readonly updated = new vscode.EventEmitter<ClusterView | null>();
  /** Fires after each update of the cluster (for the status bar and tests). */
  readonly onDidUpdate = this.updated.event;

  update(view: ClusterView | null): void {
    this.view = view;
    this.changed.fire(undefined);
    this.updated.fire(view);
  }

  reset(): void {
    this.update(null);
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.type === 'group') {
      const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = n.id;
      item.description = n.description;
      if (n.icon) item.iconPath = new vscode.ThemeIcon(n.icon);
      return item;
    }
    const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.None);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.iconPath = new vscode.ThemeIcon(n.icon, n.color ? new vscode.ThemeColor(n.color) : undefined);
    item.contextValue = n.contextValue;
    return item;
  }

  getChildren(n?: Node): Node[] {
    if (n) return n.type === 'group' ? n.children() : [];
    const v = this.view;
    if (!v) {
      return [{ type: 'leaf', id: 'empty', label: 'No simulated cluster yet', description: 'run Simulate Apply', icon: 'info', tooltip: 'Drydock: Simulate Apply sends the workspace manifests to an in-memory cluster.' }];
    }
    return [
      {
        type: 'group', id: 'nodes', label: 'Nodes', icon: 'server', description: `${v.summary.ready}/${v.summary.pods} pods ready · ${v.time}s`,
        children: () => v.nodes.map((node): Node => ({
          type: 'group', id: `node/${node.name}`, label: node.name, icon: node.ready ? 'vm-active' : 'vm-outline',
          description: `${node.ready ? '' : 'NotReady · '}${node.unschedulable ? 'SchedulingDisabled · ' : ''}cpu ${node.cpu} · mem ${node.memory} · pods ${node.pods}`,
          children: () => node.podNames.map((p): Node => ({ type: 'leaf', id: `node/${node.name}/${p}`, label: p, icon: 'symbol-constant' })),
        })),
      },
      ...v.namespaces.map((ns): Node => ({
        type: 'group', id: `ns/${ns.name}`, label: ns.name, icon: 'symbol-namespace', description: 'namespace',
        children: () => [
          ...ns.deployments.map((d): Node => ({
            type: 'group', id: `deploy/${ns.name}/${d.name}`, label: d.name, icon: 'rocket', description: `Deployment · ${d.ready}/${d.desired} ready · ${d.updated} up to date`,
            children: () => d.replicaSets.map((rs): Node => ({
              type: 'group', id: `rs/${ns.name}/${rs.name}`, label: rs.name, icon: 'layers', description: `revision ${rs.revision} · ${rs.ready}/${rs.desired}`,
              children: () => rs.pods.map(podNode),
            })),
          })),
          ...ns.services.map((s): Node => ({
            type: 'group', id: `svc/${ns.name}/${s.name}`, label: s.name, icon: 'plug', description: `Service ${s.type} ${s.clusterIP} ${s.ports} · ${s.endpoints.length} endpoint(s)`,
            children: () => s.endpoints.map((e): Node => ({ type: 'leaf', id: `svc/${ns.name}/${s.name}/${e}`, label: e, icon: 'debug-disconnect' })),
          })),
          ...ns.ingresses.map((i): Node => ({
            type: 'group', id: `ing/${ns.name}/${i.name}`, label: i.name, icon: 'globe', description: 'Ingress',
            children: () => i.rules.map((r, k): Node => ({ type: 'leaf', id: `ing/${ns.name}/${i.name}/${k}`, label: `${r.host}${r.path}`, description: `→ ${r.backend}`, icon: 'arrow-right' })),
          })),
          ...ns.pods.map(podNode),
        ],
      })),
      {
        type: 'group', id: 'events', label: 'Events', icon: 'history', description: `${v.events.length}`,
        children: () => [...v.events].reverse().slice(0, 50).map((e, k): Node => ({
          type: 'leaf', id: `event/${k}/${e.time}/${e.reason}`, label: `${e.reason} ${e.object}`, description: `${e.time}s${e.count > 1 ? ` ×${e.count}` : ''} ${e.message}`, tooltip: e.message, icon: e.type === 'Warning' ? 'warning' : 'info',
        })),
      },
    ];
  }
}
