import { isPodActive, type ClusterCore } from '../core';
import { podRequests, type Resources } from '../resources';
import { createScheduler } from '../scheduler';

/** Binds pending pods to nodes, one scheduling cycle per pod, in creation order; unschedulable pods get FailedScheduling. */
export function schedulePods(c: ClusterCore): boolean {
  const nodes = c.store.list('Node');
  const scheduler = createScheduler({ strategy: c.profile.strategy, random: c.random });
  const used = new Map<string, Resources>();
  const usedNonZero = new Map<string, Resources>();
  const add = (m: Map<string, Resources>, node: string, r: Resources) => {
    const u = m.get(node) ?? { cpu: 0, memory: 0, pods: 0 };
    m.set(node, { cpu: u.cpu + r.cpu, memory: u.memory + r.memory, pods: u.pods + 1 });
  };
  const pods = c.store.list('Pod');
  for (const p of pods) {
    if (p.spec?.nodeName && isPodActive(p)) {
      add(used, p.spec.nodeName, podRequests(p));
      add(usedNonZero, p.spec.nodeName, podRequests(p, true));
    }
  }
  let changed = false;
  const pending = pods.filter((p) => !p.spec?.nodeName && isPodActive(p)).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
  for (const p of pending) {
    const result = scheduler.evaluate(p, nodes, used, usedNonZero, false, pods);
    if (result.nodeName) {
      p.spec.nodeName = result.nodeName;
      p.status = { ...(p.status ?? {}), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] };
      c.store.update(p);
      add(used, result.nodeName, podRequests(p));
      add(usedNonZero, result.nodeName, podRequests(p, true));
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
