// The simulated cluster: an API store, controllers, a scheduler and kubelets on a virtual clock.
export { createCluster, defaultClusterProfile, SimulatedCluster, MAX_EVENTS } from './cluster';
export type { ApplyResult, Snapshot, RequestTrace } from './cluster';
export type { ClusterProfile } from './core';
export type { KObject, ClusterEvent } from './types';
export { numFeasibleNodesToFind, failureMessage } from './scheduler';
export { matchIngress } from './ingress';
export { podTemplateHash } from './controllers/deployment';
export { parseClusterProfile } from './profile';
export { parseScenario, readScenario, runScenario } from './scenario';
export type { ScenarioStep, Expectation } from './scenario';
export { clusterView, workloadSummary, WORKLOAD_KINDS } from './view';
