import { isPodActive, type ClusterCore } from '../core';
import { podRequests } from '../resources';
import { createScheduler, NodeUsage } from '../scheduler';

/** Binds pending pods to nodes, one scheduling cycle per pod, in creation order; unschedulable pods get FailedScheduling. */
export function schedulePods(c: ClusterCore): boolean {
  const nodes = c.store.list('Node');
  const scheduler = createScheduler({ strategy: c.profile.strategy, random: c.random });
  // What the bound pods request per node, by the node's position (the scheduler reads it for every node it scores).
  const usage = new NodeUsage(nodes);
  const pods = c.store.list('Pod');
  for (const p of pods) {
    if (p.spec?.nodeName && isPodActive(p)) usage.add(p.spec.nodeName, podRequests(p), podRequests(p, true));
  }
  let changed = false;
  const pending = pods.filter((p) => !p.spec?.nodeName && isPodActive(p)).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
  for (const p of pending) {
    const result = scheduler.evaluate(p, nodes, usage, false, pods);
    if (result.nodeName) {
      p.spec.nodeName = result.nodeName;
      p.status = { ...(p.status ?? {}), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] };
      c.store.update(p);
      usage.add(result.nodeName, podRequests(p), podRequests(p, true));
      c.record(p, 'Normal', 'Scheduled', `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to ${result.nodeName}`);
      changed = true;
    } else {
      const cond = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: result.message };
      if (JSON.stringify(p.status?.conditions?.[0]) !== JSON.stringify(cond)) {
        p.status = { ...(p.status ?? {}), phase: 'Pending', conditions: [cond] };
        c.store.update(p);
        c.record(p, 'Warning', 'FailedScheduling', result.message);
        changed = true;
      }
    }
  }
  return changed;
}
