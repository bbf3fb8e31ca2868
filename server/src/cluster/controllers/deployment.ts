import { resolveFenceposts } from '../../k8s/index';
import { ownerRef, isPodActive, type ClusterCore } from '../core';
import type { KObject } from '../types';

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** The pod-template-hash: FNV-1a (32-bit) of the template, its decimal digits mapped to Kubernetes' safe alphabet. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = stable(template) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h).split('').map((d) => SAFE[d.charCodeAt(0) % SAFE.length]).join('');
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function templateWithoutHash(tpl: any): any {
  const t = structuredClone(tpl ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return t;
}

const revisionOf = (rs: KObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';

/** maxSurge resolved against the Deployment's replicas (0 for Recreate). */
function surgeOf(d: KObject): number {
  if (d.spec.strategy?.type === 'Recreate') return 0;
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, d.spec.replicas ?? 1).surge;
}

/** Scales a ReplicaSet and, as the controller does with every scale, notes the Deployment's replicas and replicas + maxSurge on it. */
function scale(c: ClusterCore, d: KObject, rs: KObject, to: number): void {
  const from = rs.spec.replicas ?? 0;
  const desired = String(d.spec.replicas ?? 1);
  const max = String((d.spec.replicas ?? 1) + surgeOf(d));
  const annotationsStale = rs.metadata.annotations?.[DESIRED] !== desired || rs.metadata.annotations?.[MAX] !== max;
  if (from === to && !annotationsStale) return;
  rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED]: desired, [MAX]: max };
  rs.spec.replicas = to;
  c.store.update(rs, from !== to);
  if (from !== to) c.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
}

/**
 * A change of spec.replicas (a scaling event: an active ReplicaSet's desired-replicas annotation differs)
 * is handled before any rollout step, as sync.go's scale() does: one active ReplicaSet (or none: the newest)
 * takes the new count; a saturated new ReplicaSet makes the old ones go to 0; otherwise, for RollingUpdate,
 * replicas + maxSurge − Σ active is spread over the active ReplicaSets in proportion to their size
 * (against their max-replicas annotation), larger ones first, the rounding leftover to the largest.
 * Returns whether it was a scaling event.
 */
function scaleForReplicasChange(c: ClusterCore, d: KObject, newRs: KObject | undefined, olds: KObject[]): boolean {
  const desired = d.spec.replicas ?? 1;
  const all = newRs ? [newRs, ...olds] : [...olds];
  const active = all.filter((rs) => (rs.spec.replicas ?? 0) > 0);
  if (!active.some((rs) => rs.metadata.annotations?.[DESIRED] !== String(desired))) return false;
  if (active.length <= 1) {
    const target = active[0] ?? newRs ?? [...all].sort((a, b) => revisionOf(b) - revisionOf(a))[0];
    if (target) scale(c, d, target, desired);
    return true;
  }
  if (newRs && (newRs.spec.replicas ?? 0) === desired && (newRs.status?.availableReplicas ?? 0) >= desired) {
    for (const o of olds) if ((o.spec.replicas ?? 0) > 0) scale(c, d, o, 0);
    return true;
  }
  if (d.spec.strategy?.type === 'Recreate') return false;
  const surge = surgeOf(d);
  const allowed = desired > 0 ? desired + surge : 0;
  const toAdd = allowed - active.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  const next = new Map(active.map((rs) => [rs, rs.spec.replicas ?? 0]));
  if (toAdd !== 0) {
    // Scaling up: larger first, newer first on a tie; scaling down: larger first, older first on a tie.
    const sorted = [...active].sort((a, b) => (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0) || (toAdd > 0 ? revisionOf(b) - revisionOf(a) : revisionOf(a) - revisionOf(b)));
    let added = 0;
    for (const rs of sorted) {
      const size = rs.spec.replicas ?? 0;
      const annotated = Number(rs.metadata.annotations?.[MAX] ?? d.status?.replicas ?? 0);
      const fraction = desired === 0 ? -size : annotated > 0 ? Math.round((size * allowed) / annotated) - size : 0;
      const left = toAdd - added;
      const proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
      next.set(rs, size + proportion);
      added += proportion;
    }
    if (added !== toAdd) next.set(sorted[0], Math.max(0, next.get(sorted[0])! + toAdd - added));
  }
  for (const rs of all) if (next.has(rs) || rs === newRs) scale(c, d, rs, next.get(rs) ?? rs.spec.replicas ?? 0);
  return true;
}

/**
 * Deployment controller: finds or creates the ReplicaSet of the current template (named
 * `<deployment>-<pod-template-hash>`, with the revision annotation), then rolls: RollingUpdate within
 * maxSurge (rounded up) and maxUnavailable (rounded down), or Recreate; keeps revisionHistoryLimit old
 * ReplicaSets; reports replicas, updated/ready/available counts and the Available/Progressing conditions.
 */
export function reconcileDeployments(c: ClusterCore): boolean {
  let changed = false;
  for (const d of c.store.list('Deployment')) {
    const owned = c.store.owned(d, 'ReplicaSet');
    const desired = d.spec.replicas ?? 1;
    const tpl = templateWithoutHash(d.spec.template);
    let newRs = owned.find((rs) => stable(templateWithoutHash(rs.spec.template)) === stable(tpl));
    const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    if (!newRs && !d.spec.paused) {
      const hash = podTemplateHash(tpl, d.status?.collisionCount ?? 0);
      const template = structuredClone(tpl);
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
      const selector = structuredClone(d.spec.selector ?? {});
      selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
      newRs = c.store.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...(template.metadata.labels ?? {}) }, annotations: { [REVISION]: String(maxRevision + 1), [DESIRED]: String(desired), [MAX]: String(desired + surgeOf(d)) }, ownerReferences: [ownerRef(d)] },
        spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
      });
      changed = true;
    } else if (newRs && revisionOf(newRs) < maxRevision) {
      // A rollback: the old template's ReplicaSet becomes the newest revision.
      newRs.metadata.annotations = { ...(newRs.metadata.annotations ?? {}), [REVISION]: String(maxRevision + 1) };
      c.store.update(newRs);
      changed = true;
    }
    const olds = owned.filter((rs) => rs !== newRs).sort((a, b) => revisionOf(a) - revisionOf(b));
    if (d.spec.paused) {
      // Paused: no rollout, but a change of replicas still applies.
      if (scaleForReplicasChange(c, d, newRs, olds)) changed = true;
    } else if (newRs && scaleForReplicasChange(c, d, newRs, olds)) {
      changed = true;
    } else if (newRs) {
      const before = JSON.stringify([newRs.spec.replicas, olds.map((o) => o.spec.replicas)]);
      if (d.spec.strategy?.type === 'Recreate') {
        for (const o of olds) scale(c, d, o, 0);
        const oldPods = olds.flatMap((o) => c.store.owned(o, 'Pod')).filter(isPodActive);
        if (oldPods.length === 0) scale(c, d, newRs, desired);
      } else {
        const ru = d.spec.strategy?.rollingUpdate ?? {};
        const { surge, unavailable } = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, desired);
        const all = [newRs, ...olds];
        const total = all.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
        if ((newRs.spec.replicas ?? 0) > desired) scale(c, d, newRs, desired);
        else if ((newRs.spec.replicas ?? 0) < desired) {
          const up = Math.min(desired + surge - total, desired - (newRs.spec.replicas ?? 0));
          if (up > 0) scale(c, d, newRs, (newRs.spec.replicas ?? 0) + up);
        }
        const minAvailable = desired - unavailable;
        const allPods = all.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
        const newUnavailable = (newRs.spec.replicas ?? 0) - (newRs.status?.availableReplicas ?? 0);
        let maxScaledDown = allPods - minAvailable - newUnavailable;
        // First the old replicas that are not available anyway, then healthy ones down to minAvailable.
        for (const o of olds) {
          if (maxScaledDown <= 0) break;
          const unhealthy = (o.spec.replicas ?? 0) - (o.status?.availableReplicas ?? 0);
          const down = Math.min(unhealthy, maxScaledDown);
          if (down > 0) {
            scale(c, d, o, (o.spec.replicas ?? 0) - down);
            maxScaledDown -= down;
          }
        }
        const available = all.reduce((n, rs) => n + Math.min(rs.spec.replicas ?? 0, rs.status?.availableReplicas ?? 0), 0);
        let allowed = Math.min(available - minAvailable, maxScaledDown);
        for (const o of olds) {
          if (allowed <= 0) break;
          const down = Math.min(o.spec.replicas ?? 0, allowed);
          if (down > 0) {
            scale(c, d, o, (o.spec.replicas ?? 0) - down);
            allowed -= down;
          }
        }
      }
      if (JSON.stringify([newRs.spec.replicas, olds.map((o) => o.spec.replicas)]) !== before) changed = true;
      // Keep only revisionHistoryLimit old ReplicaSets that are scaled to zero.
      const limit = d.spec.revisionHistoryLimit ?? 10;
      const idle = olds.filter((o) => (o.spec.replicas ?? 0) === 0 && (o.status?.replicas ?? 0) === 0);
      for (const o of idle.slice(0, Math.max(0, idle.length - limit))) {
        c.store.delete('ReplicaSet', o.metadata.namespace, o.metadata.name);
        changed = true;
      }
    }
    const rsNow = c.store.owned(d, 'ReplicaSet');
    const sum = (f: (rs: KObject) => number) => rsNow.reduce((n, rs) => n + f(rs), 0);
    const available = sum((rs) => rs.status?.availableReplicas ?? 0);
    const updated = newRs?.status?.replicas ?? 0;
    const ru = d.spec.strategy?.rollingUpdate ?? {};
    const { unavailable } = d.spec.strategy?.type === 'Recreate' ? { unavailable: desired } : resolveFenceposts(ru.maxSurge, ru.maxUnavailable, desired);
    const complete = updated === desired && sum((rs) => rs.status?.replicas ?? 0) === desired && available === desired;
    const prev = d.status ?? {};
    const lastProgress = JSON.stringify([updated, available, d.metadata.generation]) !== JSON.stringify([prev.updatedReplicas, prev.availableReplicas, prev.observedGeneration]) ? c.clock.now : prev.lastProgressAt ?? c.clock.now;
    const deadlineExceeded = !complete && !d.spec.paused && c.clock.now - lastProgress > (d.spec.progressDeadlineSeconds ?? 600);
    const wasPaused = prev.conditions?.find((x: any) => x.type === 'Progressing')?.reason === 'DeploymentPaused';
    const status = {
      observedGeneration: d.metadata.generation,
      replicas: sum((rs) => rs.status?.replicas ?? 0),
      updatedReplicas: updated,
      readyReplicas: sum((rs) => rs.status?.readyReplicas ?? 0),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      conditions: [
        { type: 'Available', status: available >= desired - unavailable ? 'True' : 'False', reason: available >= desired - unavailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', message: available >= desired - unavailable ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.' },
        d.spec.paused
          ? { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }
          : wasPaused
          ? { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' }
          : deadlineExceeded
          ? { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRs?.metadata.name}" has timed out progressing.` }
          : { type: 'Progressing', status: 'True', reason: complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated', message: complete ? `ReplicaSet "${newRs?.metadata.name}" has successfully progressed.` : `ReplicaSet "${newRs?.metadata.name}" is progressing.` },
      ],
      lastProgressAt: lastProgress,
    };
    if (JSON.stringify(status) !== JSON.stringify(d.status)) {
      if (deadlineExceeded && prev.conditions?.find((x: any) => x.type === 'Progressing')?.reason !== 'ProgressDeadlineExceeded') {
        c.record(d, 'Warning', 'ProgressDeadlineExceeded', `Deployment "${d.metadata.name}" has timed out progressing.`);
      }
      d.status = status;
      c.store.update(d);
      changed = true;
    }
  }
  return changed;
}

/** `kubectl rollout undo`: the template of the given revision (default: the previous one) becomes the Deployment's. */
export function rolloutUndo(c: ClusterCore, d: KObject, toRevision?: number): string {
  if (d.spec.paused) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const owned = c.store.owned(d, 'ReplicaSet').sort((a, b) => revisionOf(b) - revisionOf(a));
  if (owned.length < 2 && toRevision === undefined) throw new Error(`no rollout history found for deployment "${d.metadata.name}"`);
  const target = toRevision !== undefined ? owned.find((rs) => revisionOf(rs) === toRevision) : owned[1];
  if (!target) throw new Error(`unable to find specified revision ${toRevision} in history`);
  d.spec.template = templateWithoutHash(target.spec.template);
  c.store.update(d, true);
  c.record(d, 'Normal', 'DeploymentRollback', `Rolled back deployment "${d.metadata.name}" to revision ${revisionOf(target)}`);
  return `deployment.apps/${d.metadata.name} rolled back`;
}

export function rolloutHistory(c: ClusterCore, d: KObject): Array<{ revision: number; replicaSet: string; image: string }> {
  return c.store.owned(d, 'ReplicaSet')
    .map((rs) => ({ revision: revisionOf(rs), replicaSet: rs.metadata.name, image: (rs.spec.template?.spec?.containers ?? []).map((x: any) => x.image).join(',') }))
    .sort((a, b) => a.revision - b.revision);
}
