import { randomSuffix } from '../clock';
import { isPodActive, isPodReady, ownerRef, type ClusterCore, writeStatus } from '../core';
import type { KObject } from '../types';

/** ReplicaSet controller: keeps `spec.replicas` pods from the template; reports ready/available counts. */
export function reconcileReplicaSets(c: ClusterCore): boolean {
  let changed = false;
  for (const rs of c.store.list('ReplicaSet')) {
    const mine = c.store.owned(rs, 'Pod').filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    if (mine.length < want) {
      for (let i = mine.length; i < want; i++) {
        const tpl = rs.spec.template ?? {};
        let name = '';
        do name = `${rs.metadata.name}-${randomSuffix(c.random)}`;
        while (c.store.get('Pod', rs.metadata.namespace, name));
        c.store.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: rs.metadata.namespace, labels: { ...(tpl.metadata?.labels ?? {}) }, annotations: { ...(tpl.metadata?.annotations ?? {}) }, ownerReferences: [ownerRef(rs)] },
          spec: structuredClone(tpl.spec ?? {}),
          status: { phase: 'Pending' },
        });
        c.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`);
      }
      changed = true;
    } else if (mine.length > want) {
      // Delete the least useful pods first: unscheduled, then not ready, then the youngest.
      const rank = (p: KObject) => (!p.spec?.nodeName ? 0 : !isPodReady(p) ? 1 : 2);
      const victims = [...mine].sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1)).slice(0, mine.length - want);
      for (const p of victims) {
        c.store.delete('Pod', p.metadata.namespace, p.metadata.name);
        c.podState.delete(p.metadata.uid);
        c.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      }
      changed = true;
    }
    const now = c.store.owned(rs, 'Pod').filter(isPodActive);
    const minReady = rs.spec.minReadySeconds ?? 0;
    const status = {
      replicas: now.length,
      fullyLabeledReplicas: now.length,
      readyReplicas: now.filter(isPodReady).length,
      availableReplicas: now.filter((p) => isPodReady(p) && c.clock.now - (c.podState.get(p.metadata.uid)?.readyAt ?? c.clock.now) >= minReady).length,
      observedGeneration: rs.metadata.generation,
    };
    if (writeStatus(c, rs, status)) changed = true;
  }
  return changed;
}
