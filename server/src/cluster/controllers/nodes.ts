import { isPodActive, type ClusterCore } from '../core';

/** Default toleration the API server adds for not-ready/unreachable nodes (DefaultTolerationSeconds). */
export const EVICTION_SECONDS = 300;

/**
 * Node lifecycle: a NotReady node gets the unreachable taint (NoSchedule now, NoExecute as well), and
 * after the pods' toleration seconds its pods are evicted so their controllers recreate them elsewhere.
 */
export function reconcileNodes(c: ClusterCore): boolean {
  let changed = false;
  for (const node of c.store.list('Node')) {
    const ready = (node.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True');
    const taints: any[] = node.spec.taints ?? [];
    const has = taints.some((t) => t.key === 'node.kubernetes.io/unreachable');
    if (!ready && !has) {
      node.spec.taints = [...taints, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: c.clock.timestamp() }];
      node.status.notReadySince = c.clock.now;
      c.store.update(node);
      c.record(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      changed = true;
    } else if (ready && has) {
      node.spec.taints = taints.filter((t) => t.key !== 'node.kubernetes.io/unreachable');
      delete node.status.notReadySince;
      c.store.update(node);
      c.record(node, 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`);
      changed = true;
    }
    if (!ready && node.status.notReadySince !== undefined) {
      for (const p of c.store.list('Pod').filter((x) => x.spec?.nodeName === node.metadata.name && isPodActive(x))) {
        // The node lifecycle controller marks the pods of a node that stopped reporting as not ready,
        // so Services stop sending them traffic long before they are evicted.
        const conditions: any[] = p.status?.conditions ?? [];
        if (conditions.some((x) => (x.type === 'Ready' || x.type === 'ContainersReady') && x.status === 'True')) {
          p.status.conditions = conditions.map((x) => (x.type === 'Ready' || x.type === 'ContainersReady' ? { ...x, status: 'False' } : x));
          for (const cs of p.status.containerStatuses ?? []) cs.ready = false;
          c.store.update(p);
          changed = true;
        }
        const tol = (p.spec.tolerations ?? []).find((t: any) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
        const seconds = tol ? (tol.tolerationSeconds ?? Infinity) : EVICTION_SECONDS;
        if (c.clock.now - node.status.notReadySince >= seconds) {
          // Eviction is a graceful delete: the pod stays Terminating until its kubelet confirms (the node comes
          // back) or the node is deleted. ReplicaSets replace it at once; a StatefulSet waits, since its
          // replacement would have the same name.
          c.record(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`);
          p.metadata.deletionTimestamp = c.clock.timestamp();
          c.store.update(p);
          changed = true;
        } else c.wakeAt(node.status.notReadySince + seconds);
      }
    }
  }
  return changed;
}

/** The garbage collector: deletes objects whose controlling owner is gone, and (pod GC) pods bound to nodes that no longer exist. */
export function collectGarbage(c: ClusterCore): boolean {
  let changed = false;
  const nodes = new Set(c.store.list('Node').map((n) => n.metadata.name));
  for (const p of c.store.list('Pod')) {
    if (!p.spec?.nodeName || nodes.has(p.spec.nodeName)) continue;
    c.store.delete('Pod', p.metadata.namespace, p.metadata.name);
    c.podState.delete(p.metadata.uid);
    changed = true;
  }
  // Controllers' private bookkeeping (`job/<uid>`, `hpa/<uid>`) goes with its object.
  if (c.memo.size) {
    let uids: Set<string> | undefined;
    for (const key of [...c.memo.keys()]) {
      const m = /^(?:job|hpa)\/(.+)$/.exec(key);
      if (!m) continue;
      uids ??= new Set(c.store.all().map((o) => o.metadata.uid));
      if (!uids.has(m[1])) c.memo.delete(key);
    }
  }
  for (const o of c.store.orphans()) {
    if (!c.store.get(o.kind, o.metadata.namespace, o.metadata.name)) continue;
    c.store.delete(o.kind, o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod') c.podState.delete(o.metadata.uid);
    changed = true;
  }
  return changed;
}
