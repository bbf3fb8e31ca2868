import { scaledValueFromIntOrPercent } from '../../k8s/index';
import { isPodActive, isPodReady, type ClusterCore, writeStatus } from '../core';
import { nodeMatchesPod, tolerates } from '../scheduler';
import type { KObject } from '../types';
import { podTemplateHash } from './deployment';
import { createPodFromTemplate, deletePod } from './pods';

const REVISION_LABEL = 'controller-revision-hash';

/**
 * The tolerations the DaemonSet controller adds to every daemon pod, so daemons keep running on
 * nodes that are not ready, unreachable, under pressure or cordoned (and, with hostNetwork, without a network).
 */
export function daemonTolerations(spec: any): any[] {
  const add = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec?.hostNetwork) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const own: any[] = Array.isArray(spec?.tolerations) ? spec.tolerations : [];
  return [...own, ...add.filter((t) => !own.some((o) => o.key === t.key && o.effect === t.effect))];
}

/**
 * Whether a daemon pod should run on a node (node selector, required node affinity, every NoSchedule and
 * NoExecute taint tolerated) and whether a running one may stay (only NoExecute taints matter then).
 */
export function daemonPlacement(podSpec: any, node: KObject): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const pod = { spec: podSpec };
  if (!nodeMatchesPod(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints: any[] = node.spec?.taints ?? [];
  const tol = podSpec?.tolerations ?? [];
  const untolerated = (effect: string) => taints.some((t) => t.effect === effect && !tolerates(tol, t));
  return { shouldRun: !untolerated('NoSchedule') && !untolerated('NoExecute'), shouldContinueRunning: !untolerated('NoExecute') };
}

/** The node a daemon pod is for: where it is bound, or the node its matchFields affinity names. */
function targetNode(p: KObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const f = (t.matchFields ?? []).find((x: any) => x.key === 'metadata.name' && x.operator === 'In');
    if (f?.values?.[0]) return f.values[0];
  }
  return undefined;
}

/**
 * DaemonSet controller: one pod on every eligible node. Each pod carries a required node affinity on its
 * node's name (matchFields metadata.name), so the default scheduler binds it there; pods follow nodes as
 * they join, leave or stop matching. RollingUpdate replaces old pods within maxUnavailable (default 1).
 */
export function reconcileDaemonSets(c: ClusterCore): boolean {
  let changed = false;
  const nodes = c.store.list('Node');
  const nodeNames = new Set(nodes.map((n) => n.metadata.name));
  for (const ds of c.store.list('DaemonSet')) {
    const ns = ds.metadata.namespace;
    const template = ds.spec.template ?? {};
    const podSpec = { ...(template.spec ?? {}), tolerations: daemonTolerations(template.spec) };
    const hash = podTemplateHash(template);
    const pods = c.store.owned(ds, 'Pod').filter((p) => !p.metadata.deletionTimestamp);
    const byNode = new Map<string, KObject[]>();
    for (const p of pods) {
      const n = targetNode(p) ?? '';
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    const remove = (p: KObject) => {
      deletePod(c, p);
      c.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      changed = true;
    };
    // Pods for nodes that are gone.
    for (const [n, list] of byNode) if (!nodeNames.has(n)) for (const p of list) remove(p);

    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    const live: KObject[] = [];
    for (const node of nodes) {
      const name = node.metadata.name;
      const { shouldRun, shouldContinueRunning } = daemonPlacement(podSpec, node);
      let mine = byNode.get(name) ?? [];
      // A failed daemon pod is killed and replaced.
      for (const p of mine.filter((x) => !isPodActive(x))) {
        c.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata.name} on node ${name}, will try to kill it`);
        remove(p);
      }
      mine = mine.filter(isPodActive);
      if (shouldRun) desired++;
      if (!shouldContinueRunning) {
        if (mine.some((p) => p.spec?.nodeName)) misscheduled++;
        for (const p of mine) remove(p);
        continue;
      }
      if (shouldRun && mine.length === 0) {
        const spec = structuredClone(podSpec);
        spec.affinity = { ...(spec.affinity ?? {}), nodeAffinity: { ...(spec.affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] }] } } };
        const p = createPodFromTemplate(c, ds, template, { labels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation) }, spec });
        c.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
        changed = true;
        live.push(p);
        continue;
      }
      // More than one pod for a node: keep the oldest.
      const sorted = [...mine].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : 0));
      for (const p of sorted.slice(1)) remove(p);
      if (sorted[0]) {
        live.push(sorted[0]);
        if (shouldRun && sorted[0].spec?.nodeName) current++;
        if (!shouldRun && sorted[0].spec?.nodeName) misscheduled++;
      }
    }

    // RollingUpdate: old pods that are not available go first, then available ones while fewer than maxUnavailable are down.
    const minReady = ds.spec.minReadySeconds ?? 0;
    const available = (p: KObject) => isPodReady(p) && c.clock.now - (c.podState.get(p.metadata.uid)?.readyAt ?? c.clock.now) >= minReady;
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      let maxUnavailable = 1;
      try {
        maxUnavailable = scaledValueFromIntOrPercent(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
      } catch {
        maxUnavailable = 1;
      }
      if (maxUnavailable < 1) maxUnavailable = 1;
      const old = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] !== hash);
      let unavailable = Math.max(0, desired - live.filter(available).length);
      for (const p of old.filter((x) => !available(x))) {
        remove(p);
        live.splice(live.indexOf(p), 1);
      }
      for (const p of old.filter(available)) {
        if (unavailable >= maxUnavailable) break;
        remove(p);
        live.splice(live.indexOf(p), 1);
        unavailable++;
      }
    }

    const scheduled = live.filter((p) => p.spec?.nodeName);
    const status = {
      observedGeneration: ds.metadata.generation,
      desiredNumberScheduled: desired,
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      numberReady: scheduled.filter(isPodReady).length,
      numberAvailable: scheduled.filter(available).length,
      numberUnavailable: Math.max(0, desired - scheduled.filter(available).length),
      updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.[REVISION_LABEL] === hash).length,
    };
    if (writeStatus(c, ds, status)) changed = true;
  }
  return changed;
}
