import * as vscode from 'vscode';
import type { ClusterView } from '../../../server/src/protocol';
import { buildClusterTree, matchRows, type ClusterNode } from './rows';

export type { ClusterNode, ClusterTarget } from './rows';

/**
 * The Cluster tree: Nodes > pods; namespaces > Deployments > ReplicaSets > pods, StatefulSets, DaemonSets,
 * Jobs, HPAs, Services > endpoints, Ingresses > rules > backends; Events. Each update from the server is
 * matched to the rows shown by id: unchanged rows keep their objects and nothing is redrawn for them, and
 * only the rows that changed are refreshed, so the tree does not flicker and keeps what the user expanded.
 */
export class ClusterTreeProvider implements vscode.TreeDataProvider<ClusterNode> {
  static readonly viewId = 'drydock.cluster';
  private readonly changed = new vscode.EventEmitter<ClusterNode | ClusterNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  view: ClusterView | null = null;
  private readonly updated = new vscode.EventEmitter<ClusterView | null>();
  /** Fires after each update of the cluster (for the status bar and tests). */
  readonly onDidUpdate = this.updated.event;
  private roots: ClusterNode[] = buildClusterTree(null);
  private byId = new Map<string, ClusterNode>();
  private parents = new Map<ClusterNode, ClusterNode>();
  /** What the last refresh redrew: `root`, or the ids of the rows (for tests); an update that changes nothing redraws nothing. */
  lastRefresh: 'root' | string[] = 'root';

  constructor() {
    this.index();
  }

  update(view: ClusterView | null): void {
    this.view = view;
    const m = matchRows(this.byId, this.roots, buildClusterTree(view));
    this.roots = m.roots;
    this.byId = m.byId;
    this.index();
    if (m.rootChanged || m.changed.length > 100) {
      this.lastRefresh = 'root';
      this.changed.fire(undefined);
    } else if (m.changed.length) {
      this.lastRefresh = m.changed.map((c) => c.id);
      this.changed.fire(m.changed);
    }
    this.updated.fire(view);
  }

  private index(): void {
    this.parents = new Map();
    const walk = (n: ClusterNode) => {
      this.byId.set(n.id, n);
      for (const c of n.children ?? []) {
        this.parents.set(c, n);
        walk(c);
      }
    };
    for (const r of this.roots) walk(r);
  }

  reset(): void {
    this.update(null);
  }

  /** The row with this id, if shown. */
  find(id: string): ClusterNode | undefined {
    return this.byId.get(id);
  }

  getTreeItem(n: ClusterNode): vscode.TreeItem {
    const state = n.children === undefined ? vscode.TreeItemCollapsibleState.None : n.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.iconPath = new vscode.ThemeIcon(n.icon, n.color ? new vscode.ThemeColor(n.color) : undefined);
    item.contextValue = n.contextValue;
    return item;
  }

  getChildren(n?: ClusterNode): ClusterNode[] {
    return n ? n.children ?? [] : this.roots;
  }

  getParent(n: ClusterNode): ClusterNode | undefined {
    return this.parents.get(n);
  }
}
