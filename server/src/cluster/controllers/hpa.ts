import { isPodActive, isPodRunningAndReady, loadKey, matchLabels, type ClusterCore, writeStatus } from '../core';
import { podRequests, quantityMilli } from '../resources';
import type { KObject } from '../types';

/** horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_SECONDS = 15;
const DEFAULT_TOLERANCE = 0.1;
const DOWNSCALE_STABILIZATION = 300;

interface HpaMemo {
  lastSync?: number;
  /** Recommendations of earlier syncs, for the stabilization windows. */
  recommendations: Array<{ at: number; replicas: number }>;
  /** The last sync left work for a later one (a recommendation held back, or a scale just written). */
  pending?: boolean;
  /** Scale changes this HPA made, for the rate-limit policies' periods. */
  scaleEvents: Array<{ at: number; delta: number }>;
}

const DEFAULT_UP_POLICIES = [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
const DEFAULT_DOWN_POLICIES = [{ type: 'Percent', value: 100, periodSeconds: 15 }];

/**
 * The furthest a scale may go now under a behavior's policies: each policy counts from the replicas at the
 * start of its period (the changes made within periodSeconds taken back), Pods adds or removes `value`,
 * Percent `value`% (rounded up); selectPolicy Max takes the policy allowing the biggest change, Min the
 * smallest, Disabled none.
 */
export function rateLimit(direction: 'up' | 'down', current: number, rules: any, events: Array<{ at: number; delta: number }>, now: number): number {
  if (rules?.selectPolicy === 'Disabled') return current;
  const policies: any[] = Array.isArray(rules?.policies) && rules.policies.length ? rules.policies : direction === 'up' ? DEFAULT_UP_POLICIES : DEFAULT_DOWN_POLICIES;
  const pickMost = (rules?.selectPolicy ?? 'Max') === 'Max';
  let result: number | undefined;
  for (const p of policies) {
    const period = Number(p.periodSeconds ?? 15);
    const changed = events.filter((e) => now - e.at < period && (direction === 'up' ? e.delta > 0 : e.delta < 0)).reduce((n, e) => n + e.delta, 0);
    const start = current - changed;
    const value = Number(p.value ?? 0);
    const limit = direction === 'up'
      ? (p.type === 'Pods' ? start + value : Math.ceil(start * (1 + value / 100)))
      : (p.type === 'Pods' ? start - value : Math.ceil(start * (1 - value / 100)));
    // For scale-up the most change is the highest limit; for scale-down, the lowest.
    const better = (a: number, b: number) => ((direction === 'up') === pickMost ? Math.max(a, b) : Math.min(a, b));
    result = result === undefined ? limit : better(result, limit);
  }
  return result ?? current;
}

interface MetricResult {
  replicas: number;
  /** For status.currentMetrics. */
  current: any;
  description: string;
  error?: string;
}

const PLURAL: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', ReplicaSet: 'replicasets' };

/**
 * One Resource metric (cpu from the simulated load; memory has no simulated usage) as the replica
 * calculator does it: utilization = Σ usage / Σ requests of the ready pods; within the tolerance the
 * count stays; otherwise ceil(ratio × ready pods). When scaling up with pods that are not ready yet,
 * those count as using nothing, and the scale is dropped if that flips its direction or lands in the tolerance.
 */
function resourceMetric(c: ClusterCore, metric: any, target: KObject, pods: KObject[], currentReplicas: number, tolerance: { up: number; down: number }): MetricResult {
  const name = metric.resource?.name ?? 'cpu';
  const goal = metric.resource?.target ?? {};
  const ready = pods.filter(isPodRunningAndReady);
  const unready = pods.filter((p) => !isPodRunningAndReady(p));
  const description = goal.type === 'AverageValue' ? `${name} resource` : `${name} resource utilization (percentage of request)`;
  if (!ready.length) return { replicas: currentReplicas, current: null, description, error: `failed to get ${name} utilization: did not receive metrics for targeted pods (pods might be unready)` };
  const key = loadKey(target.kind, target.metadata.namespace, target.metadata.name);
  if (name !== 'cpu' && name !== 'memory') return { replicas: currentReplicas, current: null, description, error: `failed to get ${name} utilization: the simulator has no ${name} usage` };
  // CPU without a load step is idle (0); memory has no such resting value, so it must be set.
  if (name === 'memory' && !c.memoryLoad.has(key)) return { replicas: currentReplicas, current: null, description, error: `failed to get memory utilization: no simulated memory use for ${target.kind.toLowerCase()}/${target.metadata.name} (a load step with memory: sets it)` };
  const total = name === 'cpu' ? c.load.get(key) ?? 0 : c.memoryLoad.get(key)!;
  const usage = total;
  const perPod = total / ready.length;
  const request = (p: KObject) => (name === 'cpu' ? podRequests(p).cpu : podRequests(p).memory);
  if (goal.type === 'AverageValue') {
    const want = name === 'cpu' ? quantityMilli(goal.averageValue) : Math.round(quantityMilli(goal.averageValue) / 1000);
    if (!(want > 0)) return { replicas: currentReplicas, current: null, description, error: `invalid target value for ${name}` };
    const ratio = perPod / want;
    const current = { type: 'Resource', resource: { name, current: { averageValue: name === 'cpu' ? `${Math.round(perPod)}m` : String(Math.round(perPod)) } } };
    if ((ratio > 1 ? ratio - 1 : 1 - ratio) <= (ratio > 1 ? tolerance.up : tolerance.down)) return { replicas: currentReplicas, current, description };
    return { replicas: Math.ceil((usage / want)), current, description };
  }
  for (const p of ready) {
    for (const x of p.spec?.containers ?? []) {
      if (x?.resources?.requests?.[name] === undefined) return { replicas: currentReplicas, current: null, description, error: `failed to get ${name} utilization: missing request for ${name} in container ${x.name} of Pod ${p.metadata.name}` };
    }
  }
  const requested = ready.reduce((n, p) => n + request(p), 0);
  const targetUtilization = Number(goal.averageUtilization ?? 80);
  const utilization = requested > 0 ? Math.floor((usage * 100) / requested) : 0;
  const ratio = utilization / targetUtilization;
  const current = { type: 'Resource', resource: { name, current: { averageUtilization: utilization, averageValue: name === 'cpu' ? `${Math.round(perPod)}m` : String(Math.round(perPod)) } } };
  const within = (r: number) => (r > 1 ? r - 1 <= tolerance.up : 1 - r <= tolerance.down);
  if (!unready.length || ratio < 1) {
    if (within(ratio)) return { replicas: currentReplicas, current, description };
    return { replicas: Math.ceil(ratio * ready.length), current, description };
  }
  // Scale up with unready pods: count them at 0 usage and recompute.
  const withUnready = requested + unready.reduce((n, p) => n + request(p), 0);
  const newRatio = Math.floor((usage * 100) / withUnready) / targetUtilization;
  if (within(newRatio) || newRatio < 1) return { replicas: currentReplicas, current, description };
  return { replicas: Math.ceil(newRatio * (ready.length + unready.length)), current, description };
}

/**
 * HorizontalPodAutoscaler controller (autoscaling/v2, and v1's targetCPUUtilizationPercentage): every
 * 15 s it reads the target's scale, computes a replica count per metric (the highest wins), applies the
 * stabilization windows (none up, 300 s down) and the default rate limits (up: max of +4 pods and +100%
 * per 15 s), clamps to minReplicas…maxReplicas, and writes the target's replicas.
 */
export function reconcileAutoscalers(c: ClusterCore): boolean {
  let changed = false;
  const now = c.clock.now;
  const dirty = c.memo.get('hpa/dirty') === true;
  c.memo.delete('hpa/dirty');
  for (const hpa of c.store.list('HorizontalPodAutoscaler')) {
    const key = `hpa/${hpa.metadata.uid}`;
    let memo: HpaMemo = c.memo.get(key);
    if (!memo) c.memo.set(key, (memo = { recommendations: [], scaleEvents: [] }));
    if (memo.lastSync !== undefined && now - memo.lastSync < HPA_SYNC_SECONDS) {
      if (dirty || memo.pending) c.wakeAt(memo.lastSync + HPA_SYNC_SECONDS);
      continue;
    }
    memo.lastSync = now;
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const ns = hpa.metadata.namespace;
    const target = ref.kind && ref.name ? c.store.get(ref.kind, ns, ref.name) : undefined;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas ?? minReplicas;
    const conditions: any[] = [];
    const status: any = { ...(hpa.status ?? {}), observedGeneration: hpa.metadata.generation };
    const finish = () => {
      status.conditions = conditions;
      if (writeStatus(c, hpa, status)) changed = true;
    };
    if (!target) {
      const msg = `the HPA controller was unable to get the target's current scale: ${PLURAL[ref.kind] ?? String(ref.kind ?? '').toLowerCase() + 's'}.apps "${ref.name}" not found`;
      conditions.push({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: msg });
      if (hpa.status?.conditions?.[0]?.reason !== 'FailedGetScale') c.record(hpa, 'Warning', 'FailedGetScale', msg);
      finish();
      continue;
    }
    const currentReplicas = target.spec?.replicas ?? 1;
    status.currentReplicas = currentReplicas;
    if (currentReplicas === 0 && minReplicas !== 0) {
      conditions.push({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' });
      conditions.push({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
      status.desiredReplicas = 0;
      finish();
      continue;
    }
    const sel = matchLabels(target.spec?.selector);
    const pods = c.store.list('Pod', ns).filter((p) => isPodActive(p) && sel(p.metadata.labels ?? {}));
    const metrics: any[] = hpa.apiVersion === 'autoscaling/v1' || hpa.spec.targetCPUUtilizationPercentage !== undefined
      ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: hpa.spec.targetCPUUtilizationPercentage ?? 80 } } }]
      : hpa.spec.metrics?.length ? hpa.spec.metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    const tolerance = { up: Number(hpa.spec.behavior?.scaleUp?.tolerance ?? DEFAULT_TOLERANCE), down: Number(hpa.spec.behavior?.scaleDown?.tolerance ?? DEFAULT_TOLERANCE) };
    const results = metrics.map((m) => (m?.type === 'Resource' ? resourceMetric(c, m, target, pods, currentReplicas, tolerance) : { replicas: currentReplicas, current: null, description: String(m?.type), error: `the simulator has no ${m?.type} metrics` }));
    const valid = results.filter((r) => !r.error);
    status.currentMetrics = valid.map((r) => r.current).filter(Boolean);
    conditions.push({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale' });
    // All metrics invalid, or some invalid while the valid ones would scale down: no scaling (the missing
    // metric might have asked for more).
    const proposal = valid.reduce((m, r) => Math.max(m, r.replicas), 0);
    if (!valid.length || (valid.length < results.length && proposal < currentReplicas)) {
      const err = results.find((r) => r.error)?.error ?? 'no metrics';
      const reason = err.includes('utilization') ? 'FailedGetResourceMetric' : 'FailedGetExternalMetric';
      conditions.push({ type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` });
      if (!(hpa.status?.conditions ?? []).some((x: any) => x.type === 'ScalingActive' && x.message?.endsWith(err))) {
        c.record(hpa, 'Warning', reason, err);
        c.record(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${results.length - valid.length} invalid out of ${metrics.length}), first error is: ${err}`);
      }
      status.desiredReplicas = currentReplicas;
      // Pods that are still starting will have metrics at a later sync.
      memo.pending = pods.length < currentReplicas || pods.some((p) => !isPodRunningAndReady(p));
      if (memo.pending) c.wakeAt(now + HPA_SYNC_SECONDS);
      finish();
      continue;
    }
    // The highest proposal wins; its metric names the reason.
    const best = valid.reduce((a, b) => (b.replicas > a.replicas ? b : a));
    const recommendation = best.replicas;
    // Stabilization: scaling up takes the lowest recommendation in its window (0 s by default), scaling
    // down the highest in the last 300 s.
    const upWindow = Number(hpa.spec.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0);
    const downWindow = Number(hpa.spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION);
    let up = recommendation;
    let down = recommendation;
    for (const r of memo.recommendations) {
      if (now - r.at < upWindow) up = Math.min(up, r.replicas);
      if (now - r.at < downWindow) down = Math.max(down, r.replicas);
    }
    memo.recommendations = [...memo.recommendations.filter((r) => now - r.at < Math.max(upWindow, downWindow)), { at: now, replicas: recommendation }];
    let desired = currentReplicas;
    if (desired < up) desired = up;
    if (desired > down) desired = down;
    // Rate limits from spec.behavior (default: up by max(4 pods, 100%) per 15 s; down by 100% per 15 s).
    let limited = '';
    if (desired > currentReplicas) {
      const limit = rateLimit('up', currentReplicas, hpa.spec.behavior?.scaleUp, memo.scaleEvents, now);
      if (desired > limit) {
        desired = Math.max(currentReplicas, limit);
        limited = 'ScaleUpLimit';
      }
    } else if (desired < currentReplicas) {
      const limit = rateLimit('down', currentReplicas, hpa.spec.behavior?.scaleDown, memo.scaleEvents, now);
      if (desired < limit) {
        desired = Math.min(currentReplicas, limit);
        limited = 'ScaleDownLimit';
      }
    }
    let scalingLimited = { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
    if (desired > maxReplicas) {
      desired = maxReplicas;
      scalingLimited = { type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    } else if (desired < minReplicas) {
      desired = minReplicas;
      scalingLimited = { type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    } else if (limited === 'ScaleUpLimit') {
      scalingLimited = { type: 'ScalingLimited', status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
    } else if (limited === 'ScaleDownLimit') {
      scalingLimited = { type: 'ScalingLimited', status: 'True', reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };
    }
    conditions[0] = desired !== currentReplicas
      ? { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` }
      : { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    conditions.push({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${best.description}` });
    conditions.push(scalingLimited);
    status.desiredReplicas = desired;
    if (desired !== currentReplicas) {
      target.spec.replicas = desired;
      c.store.update(target, true);
      const why = desired > currentReplicas ? `${best.description} above target` : 'All metrics below target';
      c.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${why}`);
      status.lastScaleTime = c.clock.timestamp();
      memo.scaleEvents = [...memo.scaleEvents.filter((e) => now - e.at < 1800), { at: now, delta: desired - currentReplicas }];
      changed = true;
    }
    // Sync again when the recommendation still differs from the scale (held by a window or a rate limit, or pods still starting).
    const clamped = Math.min(maxReplicas, Math.max(minReplicas, recommendation));
    memo.pending = clamped !== target.spec.replicas || desired !== currentReplicas;
    if (memo.pending) c.wakeAt(now + HPA_SYNC_SECONDS);
    finish();
  }
  return changed;
}
