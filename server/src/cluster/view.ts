import type { ClusterView, PodView } from '../protocol/cluster';
import type { SimulatedCluster } from './cluster';
import type { KObject } from './types';

function podView(p: KObject): PodView {
  const waiting = p.status?.containerStatuses?.[0]?.state?.waiting;
  const unsched = (p.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled' && c.status === 'False');
  return {
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? 'default',
    node: p.spec?.nodeName ?? null,
    phase: p.status?.phase ?? 'Pending',
    reason: unsched ? 'Unschedulable' : waiting?.reason,
    message: unsched?.message ?? waiting?.message,
    ready: (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
    restarts: p.status?.containerStatuses?.[0]?.restartCount ?? 0,
    containers: { ready: (p.status?.containerStatuses ?? []).filter((c: any) => c.ready).length, total: (p.spec?.containers ?? []).length },
  };
}

/** The kinds shown as workloads beside Deployments, in this order. */
export const WORKLOAD_KINDS = ['StatefulSet', 'DaemonSet', 'Job', 'HorizontalPodAutoscaler'];

/** One line of status for a StatefulSet, DaemonSet, Job or HorizontalPodAutoscaler, as `kubectl get` would sum it up. */
export function workloadSummary(o: KObject): string {
  const st = o.status ?? {};
  switch (o.kind) {
    case 'StatefulSet':
      return `${st.readyReplicas ?? 0}/${o.spec?.replicas ?? 1} ready, ${st.currentReplicas ?? 0} current, ${st.updatedReplicas ?? 0} updated${st.updateRevision ? ` (revision ${st.updateRevision})` : ''}`;
    case 'DaemonSet':
      return `${st.desiredNumberScheduled ?? 0} desired, ${st.currentNumberScheduled ?? 0} scheduled, ${st.numberReady ?? 0} ready, ${st.updatedNumberScheduled ?? 0} up to date${st.numberMisscheduled ? `, ${st.numberMisscheduled} misscheduled` : ''}`;
    case 'Job': {
      const done = (st.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
      const count = o.spec?.completions !== undefined && o.spec?.completions !== null ? `${st.succeeded ?? 0}/${o.spec.completions} completions` : `${st.succeeded ?? 0} succeeded`;
      return `${count}, ${st.active ?? 0} active, ${st.failed ?? 0} failed${done ? `, ${done.type}${done.type === 'Failed' ? ` (${done.reason})` : ''}` : o.spec?.suspend ? ', suspended' : ''}`;
    }
    case 'HorizontalPodAutoscaler': {
      const ref = o.spec?.scaleTargetRef ?? {};
      const metric = (st.currentMetrics ?? [])[0]?.resource;
      const target = (o.spec?.metrics ?? [])[0]?.resource?.target;
      const util = metric?.current?.averageUtilization !== undefined ? `, ${metric.name} ${metric.current.averageUtilization}%/${target?.averageUtilization ?? o.spec?.targetCPUUtilizationPercentage ?? 80}%` : '';
      const problem = (st.conditions ?? []).find((x: any) => x.status === 'False' && (x.type === 'AbleToScale' || x.type === 'ScalingActive'));
      return `${String(ref.kind ?? '').toLowerCase()}/${ref.name}: ${st.currentReplicas ?? '?'} → ${st.desiredReplicas ?? '?'} replicas (min ${o.spec?.minReplicas ?? 1}, max ${o.spec?.maxReplicas})${util}${problem ? `; ${problem.reason}` : ''}`;
    }
    default:
      return '';
  }
}

const mem = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)}Gi` : `${Math.round(n / 1024 ** 2)}Mi`);

/** The compact tree the Cluster view draws: nodes, then per namespace Deployments > ReplicaSets > Pods, Services, Ingresses. */
export function clusterView(cluster: SimulatedCluster, maxEvents = 100): ClusterView {
  const s = cluster.snapshot();
  const objs = s.objects.filter((o) => !o.metadata.deletionTimestamp);
  const pods = objs.filter((o) => o.kind === 'Pod' && o.status?.phase !== 'Succeeded' && o.status?.phase !== 'Failed');
  const owned = (owner: KObject, kind: string) => objs.filter((o) => o.kind === kind && o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid));
  const namespaces = objs.filter((o) => o.kind === 'Namespace').map((n) => n.metadata.name).sort();
  return {
    time: s.time,
    summary: { pods: pods.length, ready: pods.filter((p) => podView(p).ready).length, pending: pods.filter((p) => p.status?.phase === 'Pending').length },
    nodes: s.nodes.map((n) => ({
      name: n.name,
      ready: n.ready,
      unschedulable: n.unschedulable,
      cpu: `${n.cpu.requested}m/${n.cpu.allocatable}m`,
      memory: `${mem(n.memory.requested)}/${mem(n.memory.allocatable)}`,
      pods: `${n.pods.count}/${n.pods.allocatable}`,
      podNames: pods.filter((p) => p.spec?.nodeName === n.name).map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
    })),
    namespaces: namespaces
      .map((ns) => {
        const inNs = objs.filter((o) => o.metadata.namespace === ns);
        const deployments = inNs.filter((o) => o.kind === 'Deployment').map((d) => ({
          name: d.metadata.name,
          ready: d.status?.readyReplicas ?? 0,
          desired: d.spec?.replicas ?? 0,
          updated: d.status?.updatedReplicas ?? 0,
          available: d.status?.availableReplicas ?? 0,
          paused: !!d.spec?.paused,
          replicaSets: owned(d, 'ReplicaSet').map((rs) => ({
            name: rs.metadata.name,
            revision: rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '',
            ready: rs.status?.readyReplicas ?? 0,
            desired: rs.spec?.replicas ?? 0,
            pods: owned(rs, 'Pod').filter((p) => pods.includes(p)).map(podView),
          })),
        }));
        const services = inNs.filter((o) => o.kind === 'Service').map((svc) => {
          const ep = inNs.find((o) => o.kind === 'Endpoints' && o.metadata.name === svc.metadata.name) as any;
          return {
            name: svc.metadata.name,
            type: svc.spec?.type ?? 'ClusterIP',
            clusterIP: svc.spec?.clusterIP ?? '',
            ports: (svc.spec?.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(', '),
            endpoints: (ep?.subsets ?? []).flatMap((x: any) => (x.addresses ?? []).map((a: any) => `${a.ip} (${a.targetRef?.name})`)),
          };
        });
        const ingresses = inNs.filter((o) => o.kind === 'Ingress').map((ing) => ({
          name: ing.metadata.name,
          rules: (ing.spec?.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => ({ host: r.host ?? '*', path: `${p.path ?? '/'} (${p.pathType ?? 'Prefix'})`, backend: `${p.backend?.service?.name}:${p.backend?.service?.port?.number ?? p.backend?.service?.port?.name}` }))),
        }));
        const loose = pods.filter((p) => p.metadata.namespace === ns && !p.metadata.ownerReferences?.length).map(podView);
        const workloads = WORKLOAD_KINDS.flatMap((kind) => inNs.filter((o) => o.kind === kind)).map((w) => ({
          kind: w.kind,
          name: w.metadata.name,
          status: workloadSummary(w),
          // Finished Job pods stay visible under their Job.
          pods: owned(w, 'Pod').filter((p) => w.kind === 'Job' || pods.includes(p)).map(podView),
        }));
        return { name: ns, deployments, services, ingresses, pods: loose, workloads };
      })
      .filter((n) => n.deployments.length || n.services.length || n.pods.length || n.ingresses.length || n.workloads.length),
    events: s.events.slice(-maxEvents).map((e) => ({ time: e.time, type: e.type, reason: e.reason, object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, message: e.message, count: e.count })),
  };
}
