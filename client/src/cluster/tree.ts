import * as vscode from 'vscode';

/** The Cluster tree view. Until the simulator lands it shows one honest line saying so. */
export class ClusterTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  static readonly viewId = 'drydock.cluster';
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: vscode.TreeItem): vscode.TreeItem[] {
    if (item) return [];
    const row = new vscode.TreeItem('No simulated cluster yet', vscode.TreeItemCollapsibleState.None);
    row.description = 'the simulator is not built yet';
    row.iconPath = new vscode.ThemeIcon('info');
    row.tooltip = 'Simulate Apply will show nodes, workloads, pods and services here once the simulator lands.';
    return [row];
  }

  reset(): void {
    this.changed.fire(undefined);
  }
}
