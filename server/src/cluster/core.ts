import { labelSelectorFromObject, selectorFromSet } from '../k8s/index';
import type { VirtualClock } from './clock';
import type { Store } from './store';
import type { ClusterEvent, KObject } from './types';

export interface ClusterProfile {
  nodes: Array<{ name: string; cpu: string; memory: string; pods?: number; labels?: Record<string, string>; taints?: Array<{ key: string; value?: string; effect: string }> }>;
  /** Images whose pull fails (ErrImagePull / ImagePullBackOff). */
  failImages?: string[];
  /** Images whose container exits with an error after starting (CrashLoopBackOff). */
  crashImages?: string[];
  /** Seconds an image pull takes. */
  pullSeconds?: number;
  strategy?: 'LeastAllocated' | 'MostAllocated';
  seed?: number;
}

/** What every controller sees: the store, the clock, the seeded random source and the event recorder. */
export interface ClusterCore {
  store: Store;
  clock: VirtualClock;
  random: () => number;
  profile: ClusterProfile;
  record(object: KObject, type: ClusterEvent['type'], reason: string, message: string): void;
  events: ClusterEvent[];
  /** Per-pod kubelet bookkeeping (not part of the API objects). */
  podState: Map<string, PodRuntime>;
  /** Simulated CPU demand in millicores per workload (`Kind/namespace/name`), spread over its ready pods (metrics-server's view). */
  load: Map<string, number>;
  /** Simulated memory use in bytes per workload, the same way; memory metrics need it. */
  memoryLoad: Map<string, number>;
  /** Controllers' private bookkeeping that is not part of any API object (HPA recommendations, Job back-off), by key. */
  memo: Map<string, any>;
  /** Virtual times at which some controller plans to act on its own (a Job's back-off, an HPA sync, a container finishing). */
  timers: Set<number>;
  /** Asks to be reconciled again at virtual time `at`, so runUntilStable does not settle before then. */
  wakeAt(at: number): void;
}

export interface PodRuntime {
  /** When the current phase step started (virtual seconds). */
  since: number;
  stage: 'Pulling' | 'Creating' | 'Running' | 'BackOff' | 'Done';
  restarts: number;
  /** When the next restart or pull retry happens. */
  retryAt?: number;
  readyAt?: number;
  /** Waiting on something outside the pod (a missing ConfigMap or Secret): not progressing by itself. */
  blocked?: boolean;
}

export const ownerRef = (o: KObject) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true });

export function ownedBy(list: KObject[], owner: KObject): KObject[] {
  return list.filter((x) => x.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller));
}

/**
 * A selector as a predicate: a metav1.LabelSelector (matchLabels/matchExpressions) or a plain map
 * (Service spec.selector), with the semantics of the shared k8s primitives. Invalid selectors select nothing.
 */
export function matchLabels(selector: any): (labels: Record<string, string>) => boolean {
  if (!selector) return () => false;
  try {
    const sel = selector.matchLabels || selector.matchExpressions ? labelSelectorFromObject(selector) : selectorFromSet(selector);
    return (labels) => sel.matches(labels);
  } catch {
    return () => false;
  }
}

/** Stores a controller's computed status when it differs from the object's; true when it did. */
export function writeStatus(c: ClusterCore, obj: KObject, status: unknown): boolean {
  if (JSON.stringify(status) === JSON.stringify(obj.status)) return false;
  obj.status = status;
  c.store.update(obj);
  return true;
}

export function isPodReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

export function isPodRunningAndReady(p: KObject): boolean {
  return p.status?.phase === 'Running' && isPodReady(p);
}

export const loadKey = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? 'default'}/${name}`;

export function isPodActive(p: KObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}
