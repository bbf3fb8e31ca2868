import { isPodActive, type ClusterCore, type PodRuntime } from '../core';
import type { KObject } from '../types';

const MAX_BACKOFF = 300;
const RESTART_BACKOFF = (restarts: number) => Math.min(MAX_BACKOFF, 10 * 2 ** Math.max(0, restarts - 1));

function imageList(p: KObject): string[] {
  return (p.spec?.containers ?? []).map((x: any) => String(x.image ?? ''));
}

function setStatus(c: ClusterCore, p: KObject, phase: string, waiting: { reason: string; message?: string } | null, ready: boolean, rt: PodRuntime, exitCode = 1): void {
  const node = c.store.get('Node', undefined, p.spec.nodeName);
  const containerStatuses = (p.spec?.containers ?? []).map((x: any) => ({
    name: x.name,
    image: x.image,
    ready,
    restartCount: rt.restarts,
    started: phase === 'Running' && !waiting,
    state: waiting ? { waiting } : phase === 'Succeeded' ? { terminated: { exitCode: 0, reason: 'Completed' } } : phase === 'Failed' ? { terminated: { exitCode, reason: 'Error' } } : phase === 'Running' ? { running: { startedAt: c.clock.timestamp(rt.since) } } : { waiting: { reason: 'ContainerCreating' } },
  }));
  const status = {
    phase,
    hostIP: node?.status?.addresses?.[0]?.address,
    podIP: p.status?.podIP,
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'ContainersReady', status: ready ? 'True' : 'False' },
      { type: 'Ready', status: ready ? 'True' : 'False' },
    ],
    containerStatuses,
  };
  if (JSON.stringify(status) !== JSON.stringify({ ...p.status, podIP: p.status?.podIP })) {
    p.status = status;
    c.store.update(p);
  }
}

/**
 * Kubelets: each bound pod is pulled (or fails to pull: ErrImagePull, then ImagePullBackOff),
 * created, started, made Ready after its readiness probe's initial delay, restarted with back-off
 * (10 s doubling to 5 min: CrashLoopBackOff) when its image is set to crash; Job pods complete.
 */
export function runKubelets(c: ClusterCore): boolean {
  let changed = false;
  const now = c.clock.now;
  const pull = c.profile.pullSeconds ?? 2;
  const nodes = c.store.list('Node');
  const nodesReady = new Map(nodes.map((n) => [n.metadata.name, (n.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True')]));
  const nodeIndex = new Map(nodes.map((n, i) => [n.metadata.name, i]));
  const allPods = c.store.list('Pod');
  // Pods holding an IP per node, counted once and kept up to date as this pass hands out IPs.
  let withIp: Map<string, number> | undefined;
  for (const p of allPods) {
    if (p.metadata.deletionTimestamp && p.spec?.nodeName && nodesReady.get(p.spec.nodeName)) {
      // A pod marked for deletion while its node was away: the kubelet is back and finishes the termination.
      c.store.delete('Pod', p.metadata.namespace, p.metadata.name);
      c.podState.delete(p.metadata.uid);
      changed = true;
      continue;
    }
    if (!p.spec?.nodeName || !isPodActive(p) || !nodesReady.get(p.spec.nodeName)) continue;
    let rt = c.podState.get(p.metadata.uid);
    const before = p.metadata.resourceVersion;
    if (!rt) {
      rt = { since: now, stage: 'Pulling', restarts: 0 };
      c.podState.set(p.metadata.uid, rt);
      if (!withIp) {
        withIp = new Map();
        for (const x of allPods) if (x.spec?.nodeName && x.status?.podIP) withIp.set(x.spec.nodeName, (withIp.get(x.spec.nodeName) ?? 0) + 1);
      }
      const used = withIp.get(p.spec.nodeName) ?? 0;
      p.status = { ...(p.status ?? {}), podIP: `10.244.${nodeIndex.get(p.spec.nodeName) ?? -1}.${used + 2}` };
      withIp.set(p.spec.nodeName, used + 1);
      for (const img of imageList(p)) c.record(p, 'Normal', 'Pulling', `Pulling image "${img}"`);
      setStatus(c, p, 'Pending', { reason: 'ContainerCreating' }, false, rt);
    }
    const images = imageList(p);
    const configError = missingConfig(c, p);
    rt.blocked = !!configError && rt.stage === 'Creating';
    if (configError && rt.stage === 'Creating') {
      if (p.status?.containerStatuses?.[0]?.state?.waiting?.reason !== 'CreateContainerConfigError') {
        c.record(p, 'Warning', 'Failed', `Error: ${configError}`);
        setStatus(c, p, 'Pending', { reason: 'CreateContainerConfigError', message: configError }, false, rt);
        changed = true;
      }
      continue;
    }
    const failing = images.find((i) => c.profile.failImages?.includes(i));
    const crashing = images.find((i) => c.profile.crashImages?.includes(i));
    const readiness = (p.spec?.containers ?? []).reduce((m: number, x: any) => Math.max(m, x.readinessProbe?.initialDelaySeconds ?? 0), 0);
    switch (rt.stage) {
      case 'Pulling':
        if (now - rt.since < pull) break;
        if (failing) {
          if (rt.retryAt === undefined || now >= rt.retryAt) {
            rt.restarts = rt.retryAt === undefined ? 0 : rt.restarts;
            c.record(p, 'Warning', 'Failed', `Failed to pull image "${failing}": rpc error: code = NotFound desc = failed to pull and unpack image "${failing}": not found`);
            c.record(p, 'Warning', 'Failed', 'Error: ErrImagePull');
            const wait = RESTART_BACKOFF(++rt.restarts);
            rt.retryAt = now + wait;
            c.record(p, 'Normal', 'BackOff', `Back-off pulling image "${failing}"`);
            setStatus(c, p, 'Pending', { reason: 'ImagePullBackOff', message: `Back-off pulling image "${failing}"` }, false, { ...rt, restarts: 0 });
          }
          break;
        }
        for (const img of images) c.record(p, 'Normal', 'Pulled', `Successfully pulled image "${img}" in ${pull}s`);
        rt.stage = 'Creating';
        rt.since = now;
        break;
      case 'Creating':
        if (now - rt.since < 1) break;
        for (const x of p.spec.containers ?? []) {
          c.record(p, 'Normal', 'Created', `Created container ${x.name}`);
          c.record(p, 'Normal', 'Started', `Started container ${x.name}`);
        }
        rt.stage = 'Running';
        rt.since = now;
        setStatus(c, p, 'Running', null, false, rt);
        break;
      case 'Running': {
        const isJob = p.spec.restartPolicy === 'Never' || p.spec.restartPolicy === 'OnFailure';
        // A container runs for `drydock.dev/run-seconds` (default 5) when it is meant to exit; images set to
        // crash exit with 1 after 3 s; `drydock.dev/exit-code` sets the exit code.
        const runSeconds = Number(p.metadata.annotations?.['drydock.dev/run-seconds'] ?? 5);
        const exitCode = Number(p.metadata.annotations?.['drydock.dev/exit-code'] ?? 0) || (crashing ? 1 : 0);
        const exitAfter = crashing ? 3 : runSeconds;
        if (exitCode !== 0 && now - rt.since < exitAfter) c.wakeAt(rt.since + exitAfter);
        if (exitCode !== 0 && p.spec.restartPolicy === 'Never' && now - rt.since >= exitAfter) {
          rt.stage = 'Done';
          setStatus(c, p, 'Failed', null, false, rt, exitCode);
          break;
        }
        if (exitCode !== 0 && now - rt.since >= exitAfter) {
          rt.restarts++;
          rt.stage = 'BackOff';
          rt.retryAt = now + RESTART_BACKOFF(rt.restarts);
          c.record(p, 'Warning', 'BackOff', 'Back-off restarting failed container');
          setStatus(c, p, 'Running', { reason: 'CrashLoopBackOff', message: `back-off ${RESTART_BACKOFF(rt.restarts)}s restarting failed container` }, false, rt);
          break;
        }
        if (isJob && exitCode === 0) {
          if (now - rt.since >= runSeconds) {
            rt.stage = 'Done';
            setStatus(c, p, 'Succeeded', null, false, rt);
            break;
          }
          c.wakeAt(rt.since + runSeconds);
        }
        if (exitCode === 0 && now - rt.since < readiness) c.wakeAt(rt.since + readiness);
        if (exitCode === 0 && now - rt.since >= readiness) {
          if (rt.readyAt === undefined) rt.readyAt = now;
          setStatus(c, p, 'Running', null, true, rt);
        }
        break;
      }
      case 'BackOff':
        if (rt.retryAt !== undefined && now >= rt.retryAt) {
          rt.stage = 'Running';
          rt.since = now;
          c.record(p, 'Normal', 'Started', `Started container ${p.spec.containers?.[0]?.name}`);
          setStatus(c, p, 'Running', null, false, rt);
        }
        break;
    }
    if (p.metadata.resourceVersion !== before) changed = true;
  }
  return changed;
}

/** The kubelet cannot build a container's environment from a ConfigMap or Secret that is missing. */
function missingConfig(c: ClusterCore, p: KObject): string | null {
  const ns = p.metadata.namespace;
  for (const x of [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])]) {
    for (const e of x.envFrom ?? []) {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = e?.[field];
        if (ref?.name && !ref.optional && !c.store.get(kind, ns, ref.name)) return `${kind.toLowerCase()} "${ref.name}" not found`;
      }
    }
    for (const e of x.env ?? []) {
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = e?.valueFrom?.[field];
        if (!ref?.name || ref.optional) continue;
        const obj = c.store.get(kind, ns, ref.name);
        if (!obj) return `${kind.toLowerCase()} "${ref.name}" not found`;
        const keys = new Set([...Object.keys(obj.data ?? {}), ...Object.keys(obj.stringData ?? {})]);
        if (!keys.has(ref.key)) return `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`;
      }
    }
  }
  return null;
}
