/** Requests and the notification of the simulated cluster, and the compact tree the Cluster view shows. */
export const SimulateApplyRequest = 'drydock/simulate/apply';
export const SimulateStepRequest = 'drydock/simulate/step';
export const SimulateRunRequest = 'drydock/simulate/run';
export const SimulateResetRequest = 'drydock/simulate/reset';
export const SimulateOperationRequest = 'drydock/simulate/operation';
export const SimulateExplainRequest = 'drydock/simulate/explain';
/** Runs a scenario file (a YAML list of steps) on a fresh cluster: SimulateScenarioParams → SimulateScenarioResult. */
export const SimulateScenarioRequest = 'drydock/simulate/scenario';
export const ClusterChangedNotification = 'drydock/cluster/changed';

export interface SimulateApplyParams {
  /** Documents (open or on disk) to apply; all workspace manifests when absent. */
  uris?: string[];
}

export interface PodView {
  name: string;
  namespace: string;
  node: string | null;
  phase: string;
  /** The waiting reason (CrashLoopBackOff, ImagePullBackOff, …) or the scheduling message when Pending. */
  reason?: string;
  message?: string;
  ready: boolean;
  restarts: number;
  /** Ready containers and containers of the pod ("2/3" in kubectl's READY column). */
  containers?: { ready: number; total: number };
}

export interface ClusterView {
  time: number;
  summary: { pods: number; ready: number; pending: number };
  nodes: Array<{ name: string; ready: boolean; unschedulable: boolean; cpu: string; memory: string; pods: string; podNames: string[] }>;
  namespaces: Array<{
    name: string;
    deployments: Array<{ name: string; ready: number; desired: number; updated: number; available: number; paused?: boolean; replicaSets: Array<{ name: string; revision: string; ready: number; desired: number; pods: PodView[] }> }>;
    services: Array<{ name: string; type: string; clusterIP: string; ports: string; endpoints: string[] }>;
    ingresses: Array<{ name: string; rules: Array<{ host: string; path: string; backend: string }> }>;
    pods: PodView[];
    /** StatefulSets, DaemonSets, Jobs and HorizontalPodAutoscalers: a one-line status and their pods. */
    workloads?: Array<{ kind: string; name: string; status: string; pods: PodView[] }>;
  }>;
  events: Array<{ time: number; type: string; reason: string; object: string; message: string; count: number }>;
}

export interface SimulateOperationParams {
  op: 'scale' | 'setImage' | 'rolloutUndo' | 'rolloutRestart' | 'deletePod' | 'failNode' | 'recoverNode' | 'cordon' | 'uncordon' | 'drain' | 'request' | 'pause' | 'resume' | 'load';
  /** Kind of the workload for scale, setImage and load (Deployment when absent). */
  kind?: string;
  /** For load: total CPU of the workload ("1500m") or a percentage of its ready pods' requests ("90%"). */
  cpu?: string;
  namespace?: string;
  name?: string;
  replicas?: number;
  container?: string;
  image?: string;
  host?: string;
  path?: string;
  /** For rolloutUndo: the revision to go back to (the previous one when absent). */
  revision?: number;
}

export interface SimulateRunParams {
  /** Virtual seconds to run at most in this request (900 when absent); `stable` in the result says whether it settled. */
  maxSeconds?: number;
}

export interface SimulateScenarioParams {
  /** The scenario file; its apply paths are relative to it. */
  uri: string;
}

export interface SimulateScenarioResult extends SimulateResult {
  expectations: Array<{ step: number; ok: boolean; message: string }>;
}

export interface SimulateResult {
  messages: string[];
  view: ClusterView;
  /** For run requests: whether the cluster settled. */
  stable?: boolean;
}
