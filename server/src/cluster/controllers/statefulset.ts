import { isPodActive, isPodReady, isPodRunningAndReady, ownerRef, type ClusterCore, writeStatus } from '../core';
import type { KObject } from '../types';
import { podTemplateHash } from './deployment';
import { createPodFromTemplate, deletePod } from './pods';

const REVISION_LABEL = 'controller-revision-hash';

/** `<set>-<ordinal>` → ordinal, or -1 for a pod that is not one of the set's ordinals. */
function ordinalOf(set: KObject, p: KObject): number {
  const prefix = `${set.metadata.name}-`;
  if (!p.metadata.name.startsWith(prefix)) return -1;
  const rest = p.metadata.name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

function event(c: ClusterCore, set: KObject, verb: 'create' | 'delete', pod: string): void {
  c.record(set, 'Normal', verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete', `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} successful`);
}

/** The ControllerRevision holding a template: `<set>-<hash>`, revision numbers growing with each new template. */
function ensureRevision(c: ClusterCore, set: KObject, name: string, template: unknown): KObject {
  const existing = c.store.get('ControllerRevision', set.metadata.namespace, name);
  if (existing) return existing;
  const revisions = c.store.owned(set, 'ControllerRevision');
  const next = revisions.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0) + 1;
  return c.store.create({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, namespace: set.metadata.namespace, labels: { ...(set.spec.selector?.matchLabels ?? {}), [REVISION_LABEL]: name.slice(set.metadata.name.length + 1) }, ownerReferences: [ownerRef(set)] },
    data: { spec: { template: structuredClone(template) } } as never,
    revision: next,
  });
}

/**
 * StatefulSet controller: pods `<set>-0 … <set>-(N−1)` with stable names and hostnames. OrderedReady
 * (the default) creates pod i only once pods 0…i−1 are Running and Ready and removes pods from the
 * highest ordinal down, one at a time; Parallel creates and removes them all at once. A RollingUpdate
 * replaces pods from the highest ordinal down to `partition`, one at a time, each after the others are
 * Running and Ready. Claims from volumeClaimTemplates are created per pod and kept (Retain), unless
 * persistentVolumeClaimRetentionPolicy says Delete on scale-down or on deletion of the set.
 */
export function reconcileStatefulSets(c: ClusterCore): boolean {
  let changed = false;
  for (const set of c.store.list('StatefulSet')) {
    const ns = set.metadata.namespace;
    const replicas = set.spec.replicas ?? 1;
    const ordered = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const updateName = `${set.metadata.name}-${podTemplateHash(set.spec.template ?? {})}`;
    const updateRevision = ensureRevision(c, set, updateName, set.spec.template ?? {});
    const currentName: string = set.status?.currentRevision ?? updateName;
    const currentTemplate = (c.store.get('ControllerRevision', ns, currentName)?.data as any)?.spec?.template ?? set.spec.template;
    const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    const partition = strategy === 'RollingUpdate' ? Number(set.spec.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;

    // Terminating pods keep their ordinal: a replacement with the same name waits until they are gone.
    const pods = c.store.owned(set, 'Pod');
    const byOrdinal = new Map<number, KObject>();
    for (const p of pods) {
      const i = ordinalOf(set, p);
      if (i >= 0) byOrdinal.set(i, p);
    }

    // Pods 0…N−1: replace failed ones, create missing ones; OrderedReady waits for each to be Running and Ready.
    let blocked = false;
    for (let i = 0; i < replicas; i++) {
      let p = byOrdinal.get(i);
      if (p?.metadata.deletionTimestamp) {
        if (ordered) {
          blocked = true;
          break;
        }
        continue;
      }
      if (p && !isPodActive(p)) {
        deletePod(c, p);
        event(c, set, 'delete', p.metadata.name);
        byOrdinal.delete(i);
        changed = true;
        p = undefined;
        if (ordered) {
          blocked = true;
          break;
        }
      }
      if (!p) {
        // Below a RollingUpdate's partition a pod is recreated at the current revision, otherwise at the update revision.
        const revisionName = strategy === 'OnDelete' || i >= partition ? updateName : currentName;
        const template = revisionName === updateName ? set.spec.template : currentTemplate;
        const name = `${set.metadata.name}-${i}`;
        createClaims(c, set, name);
        const created = createPodFromTemplate(c, set, template, {
          name,
          labels: { [REVISION_LABEL]: revisionName, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) },
          spec: { hostname: name, ...(set.spec.serviceName ? { subdomain: set.spec.serviceName } : {}) },
        });
        byOrdinal.set(i, created);
        event(c, set, 'create', name);
        changed = true;
        if (ordered) {
          blocked = true;
          break;
        }
        continue;
      }
      if (ordered && !isPodRunningAndReady(p)) {
        blocked = true;
        break;
      }
    }

    // Pods at ordinals ≥ N go, highest first: all at once (Parallel) or one per pass once the rest are healthy.
    const condemned = [...byOrdinal.entries()].filter(([i, p]) => i >= replicas && !p.metadata.deletionTimestamp).sort((a, b) => b[0] - a[0]);
    if (condemned.length && !blocked) {
      const healthy = [...byOrdinal.entries()].filter(([i]) => i < replicas).every(([, p]) => isPodRunningAndReady(p));
      for (const [i, p] of ordered ? condemned.slice(0, healthy ? 1 : 0) : condemned) {
        deletePod(c, p);
        byOrdinal.delete(i);
        event(c, set, 'delete', p.metadata.name);
        // persistentVolumeClaimRetentionPolicy.whenScaled: Delete removes the claims of pods scaled away.
        if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
          for (const t of set.spec.volumeClaimTemplates ?? []) {
            const claim = `${t?.metadata?.name}-${p.metadata.name}`;
            if (c.store.get('PersistentVolumeClaim', set.metadata.namespace, claim)) c.store.delete('PersistentVolumeClaim', set.metadata.namespace, claim);
          }
        }
        changed = true;
      }
      if (ordered) blocked = true;
    }

    // RollingUpdate: the highest ordinal still on an old revision is replaced once every pod is Running and Ready.
    if (!blocked && strategy === 'RollingUpdate') {
      const all = [...byOrdinal.entries()].filter(([i]) => i < replicas);
      if (all.length === replicas && all.every(([, p]) => isPodRunningAndReady(p))) {
        const stale = all.filter(([i, p]) => i >= partition && p.metadata.labels?.[REVISION_LABEL] !== updateName).sort((a, b) => b[0] - a[0])[0];
        if (stale) {
          deletePod(c, stale[1]);
          byOrdinal.delete(stale[0]);
          event(c, set, 'delete', stale[1].metadata.name);
          changed = true;
        }
      }
    }

    // Status.
    const now = [...byOrdinal.values()].filter(isPodActive);
    const minReady = set.spec.minReadySeconds ?? 0;
    const updated = now.filter((p) => p.metadata.labels?.[REVISION_LABEL] === updateName).length;
    const ready = now.filter(isPodReady).length;
    // The rollout is complete once every replica runs the update revision and is ready: it becomes the current one.
    const complete = updated === replicas && now.length === replicas && ready === replicas;
    const currentRevision = complete ? updateName : currentName;
    const status = {
      observedGeneration: set.metadata.generation,
      replicas: now.length,
      readyReplicas: ready,
      currentReplicas: now.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length,
      updatedReplicas: updated,
      availableReplicas: now.filter((p) => isPodReady(p) && c.clock.now - (c.podState.get(p.metadata.uid)?.readyAt ?? c.clock.now) >= minReady).length,
      currentRevision,
      updateRevision: updateRevision.metadata.name,
      collisionCount: 0,
    };
    if (writeStatus(c, set, status)) changed = true;
  }
  return changed;
}

/** One PersistentVolumeClaim per volumeClaimTemplate and pod: `<claim>-<pod>`, created once and kept on scale-down. */
function createClaims(c: ClusterCore, set: KObject, pod: string): void {
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const name = `${t?.metadata?.name}-${pod}`;
    if (!t?.metadata?.name || c.store.get('PersistentVolumeClaim', set.metadata.namespace, name)) continue;
    // whenDeleted: Delete makes the StatefulSet an owner of the claim, so the garbage collector removes it with the set.
    const owners = set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete' ? [{ ...ownerRef(set), controller: false }] : undefined;
    const claim = c.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: set.metadata.namespace, labels: { ...(set.spec.selector?.matchLabels ?? {}) }, ...(owners ? { ownerReferences: owners } : {}) },
      spec: { volumeMode: 'Filesystem', ...structuredClone(t.spec ?? {}) },
    });
    claim.status = { phase: 'Bound', accessModes: t.spec?.accessModes, capacity: t.spec?.resources?.requests };
    c.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod} in StatefulSet ${set.metadata.name} success`);
  }
}
