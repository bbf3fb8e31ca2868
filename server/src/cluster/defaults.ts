import type { KObject } from './types';

/** The defaults the API server fills in, so the simulator sees what a real cluster would store. */
export function applyDefaults(o: KObject): void {
  const spec = (o.spec ??= {});
  switch (o.kind) {
    case 'Deployment':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.minReadySeconds ??= 0;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      defaultPodSpec(spec.template?.spec);
      break;
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultPodSpec(spec.template?.spec);
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.partition ??= 0;
      }
      spec.revisionHistoryLimit ??= 10;
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultPodSpec(spec.template?.spec);
      break;
    case 'HorizontalPodAutoscaler':
      spec.minReplicas ??= 1;
      if (o.apiVersion === 'autoscaling/v2' && !spec.metrics) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      break;
    case 'DaemonSet':
    case 'Job':
      defaultPodSpec(spec.template?.spec);
      if (o.kind === 'Job') {
        // Both unset: one pod to one completion; only parallelism set: a work queue (completions stays unset).
        if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1;
        spec.parallelism ??= 1;
        spec.backoffLimit ??= 6;
        spec.completionMode ??= 'NonIndexed';
        spec.suspend ??= false;
      } else {
        spec.updateStrategy ??= { type: 'RollingUpdate' };
        if (spec.updateStrategy.type === 'RollingUpdate') {
          spec.updateStrategy.rollingUpdate ??= {};
          spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
          spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
        }
        spec.revisionHistoryLimit ??= 10;
      }
      break;
    case 'Pod':
      defaultPodSpec(spec);
      break;
    case 'Service':
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      for (const p of spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      break;
  }
}

export function defaultPodSpec(spec: any): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (!c || typeof c !== 'object') continue;
    if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
      const last = c.image.split('/').pop() ?? c.image;
      const tag = c.image.includes('@') ? 'digest' : last.includes(':') ? last.split(':').pop() : 'latest';
      c.imagePullPolicy = tag === 'latest' ? 'Always' : 'IfNotPresent';
    }
    c.terminationMessagePath ??= '/dev/termination-log';
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
}
