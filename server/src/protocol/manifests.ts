import type { Range } from '../common/types';

/** `drydock/resourceGraph`: the workspace's resources and the edges between them. */
export const ResourceGraphRequest = 'drydock/resourceGraph';

export interface ResourceGraphParams {
  /** Limit to one namespace. */
  namespace?: string;
}

export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** Where it is declared (absent for dangling targets and Dockerfiles). */
  uri?: string;
  range?: Range;
  dangling?: boolean;
  /** What a workload's controller will create (its ReplicaSet, pods or Jobs), not declared in a file. */
  owned?: boolean;
}

export interface GraphEdgeInfo {
  from: string;
  to: string;
  relation: 'owns' | 'selects' | 'routes' | 'scales' | 'uses' | 'runs' | 'binds';
  label?: string;
  dangling: boolean;
}

export interface ResourceGraphResult {
  nodes: GraphNode[];
  edges: GraphEdgeInfo[];
}
