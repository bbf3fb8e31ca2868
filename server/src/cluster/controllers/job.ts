import { randomSuffix } from '../clock';
import { isPodActive, isPodReady, type ClusterCore, writeStatus } from '../core';
import type { KObject } from '../types';
import { createPodFromTemplate, deletePod } from './pods';

const INDEX = 'batch.kubernetes.io/job-completion-index';
/** Pod failure back-off: 10 s, doubling with each failure, at most 6 minutes. */
const POD_BACKOFF = (failures: number) => Math.min(360, 10 * 2 ** Math.max(0, failures - 1));

interface JobMemo {
  succeeded: Set<string>;
  failed: Set<string>;
  /** Active pods seen last pass: one that disappears before finishing counts as failed. */
  active: Map<string, number | undefined>;
  succeededIndexes: Set<number>;
  lastFailureAt?: number;
}

const cond = (c: ClusterCore, type: string, reason: string, message: string) => ({ type, status: 'True', reason, message, lastProbeTime: c.clock.timestamp(), lastTransitionTime: c.clock.timestamp() });

/** "0-2,4": the completed indexes of an Indexed Job, as intervals. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Job controller: runs pods until `completions` succeed (or, without completions, until one succeeds and
 * the rest finish), at most `parallelism` at a time; counts failed pods (and, with restartPolicy OnFailure,
 * container restarts) against `backoffLimit` and recreates failed pods after an exponential back-off;
 * ends with the SuccessCriteriaMet/Complete or FailureTarget/Failed conditions (BackoffLimitExceeded,
 * DeadlineExceeded); honours suspend, Indexed completion and ttlSecondsAfterFinished.
 */
export function reconcileJobs(c: ClusterCore): boolean {
  let changed = false;
  const now = c.clock.now;
  for (const job of c.store.list('Job')) {
    const ns = job.metadata.namespace;
    const key = `job/${job.metadata.uid}`;
    let memo: JobMemo = c.memo.get(key);
    if (!memo) c.memo.set(key, (memo = { succeeded: new Set(), failed: new Set(), active: new Map(), succeededIndexes: new Set() }));
    const finished = (job.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
    if (finished) {
      const ttl = job.spec.ttlSecondsAfterFinished;
      if (typeof ttl === 'number' && job.status.finishedAt !== undefined) {
        if (now >= job.status.finishedAt + ttl) {
          for (const r of c.store.delete('Job', ns, job.metadata.name)) c.podState.delete(r.metadata.uid);
          c.memo.delete(key);
          changed = true;
        } else c.wakeAt(job.status.finishedAt + ttl);
      }
      continue;
    }
    const indexed = job.spec.completionMode === 'Indexed';
    const pods = c.store.owned(job, 'Pod');
    const seen = new Set<string>();
    let newFailure = false;
    for (const p of pods) {
      seen.add(p.metadata.uid);
      if (p.status?.phase === 'Succeeded' && !memo.succeeded.has(p.metadata.uid)) {
        memo.succeeded.add(p.metadata.uid);
        if (indexed) memo.succeededIndexes.add(Number(p.metadata.annotations?.[INDEX]));
      } else if ((p.status?.phase === 'Failed' || (p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded')) && !memo.failed.has(p.metadata.uid)) {
        // A pod being deleted before it succeeded (evicted from a lost node) counts as failed.
        memo.failed.add(p.metadata.uid);
        newFailure = true;
      }
    }
    // A pod deleted (or evicted) before it finished counts as failed.
    for (const uid of memo.active.keys()) {
      if (!seen.has(uid) && !memo.succeeded.has(uid) && !memo.failed.has(uid)) {
        memo.failed.add(uid);
        newFailure = true;
      }
    }
    if (newFailure) memo.lastFailureAt = now;
    const active = pods.filter(isPodActive);
    memo.active = new Map(active.map((p) => [p.metadata.uid, indexed ? Number(p.metadata.annotations?.[INDEX]) : undefined]));

    const status: any = { ...(job.status ?? {}) };
    status.startTime ??= job.spec.suspend ? undefined : c.clock.timestamp();
    if (status.startedAt === undefined && !job.spec.suspend) status.startedAt = now;
    const succeeded = indexed ? memo.succeededIndexes.size : memo.succeeded.size;
    const failed = memo.failed.size;
    const completions: number | undefined = job.spec.completions ?? undefined;
    const parallelism = Math.max(0, job.spec.parallelism ?? 1);
    const backoffLimit = job.spec.backoffLimit ?? 6;
    const restarts = job.spec.template?.spec?.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, s: any) => m + (s.restartCount ?? 0), 0), 0) : 0;

    const finish = (type: 'Complete' | 'Failed', reason: string, message: string) => {
      for (const p of active) {
        deletePod(c, p);
        c.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      }
      status.conditions = [...(status.conditions ?? []).filter((x: any) => x.type !== 'Suspended'), cond(c, type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget', reason, message), cond(c, type, reason, message)];
      status.active = 0;
      status.ready = 0;
      status.finishedAt = now;
      if (type === 'Complete') status.completionTime = c.clock.timestamp();
      if (type === 'Complete') c.record(job, 'Normal', 'Completed', 'Job completed');
      else c.record(job, 'Warning', reason, message);
    };

    let done = false;
    const completeNow = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
    if (completeNow) {
      finish('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods');
      done = true;
    } else if (failed > backoffLimit || (restarts > 0 && restarts >= backoffLimit)) {
      finish('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      done = true;
    } else if (typeof job.spec.activeDeadlineSeconds === 'number' && status.startedAt !== undefined && now - status.startedAt >= job.spec.activeDeadlineSeconds) {
      finish('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      done = true;
    } else if (typeof job.spec.activeDeadlineSeconds === 'number' && status.startedAt !== undefined) {
      c.wakeAt(status.startedAt + job.spec.activeDeadlineSeconds);
    }

    if (!done && job.spec.suspend) {
      for (const p of active) {
        deletePod(c, p);
        c.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        memo.active.delete(p.metadata.uid);
      }
      if (!(status.conditions ?? []).some((x: any) => x.type === 'Suspended' && x.status === 'True')) {
        status.conditions = [...(status.conditions ?? []).filter((x: any) => x.type !== 'Suspended'), cond(c, 'Suspended', 'JobSuspended', 'Job suspended')];
        c.record(job, 'Normal', 'Suspended', 'Job suspended');
      }
      status.active = 0;
      status.ready = 0;
    } else if (!done) {
      if ((status.conditions ?? []).some((x: any) => x.type === 'Suspended' && x.status === 'True')) {
        status.conditions = status.conditions.map((x: any) => (x.type === 'Suspended' ? { ...cond(c, 'Suspended', 'JobResumed', 'Job resumed'), status: 'False' } : x));
        c.record(job, 'Normal', 'Resumed', 'Job resumed');
      }
      const want = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded);
      if (active.length > want) {
        // Parallelism went down: the youngest pods go.
        const extra = [...active].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1)).slice(0, active.length - want);
        for (const p of extra) {
          deletePod(c, p);
          memo.active.delete(p.metadata.uid);
          c.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
      } else if (active.length < want) {
        const readyAt = memo.lastFailureAt !== undefined && failed > 0 ? memo.lastFailureAt + POD_BACKOFF(failed) : now;
        if (now < readyAt) c.wakeAt(readyAt);
        else {
          const busy = new Set(memo.active.values());
          const free: number[] = [];
          if (indexed) for (let i = 0; i < (completions ?? 0) && free.length < want - active.length; i++) if (!memo.succeededIndexes.has(i) && !busy.has(i)) free.push(i);
          const count = indexed ? free.length : want - active.length;
          for (let k = 0; k < count; k++) {
            const labels: Record<string, string> = { 'batch.kubernetes.io/controller-uid': job.metadata.uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': job.metadata.uid, 'job-name': job.metadata.name };
            const annotations: Record<string, string> = {};
            let name: string | undefined;
            let spec: Record<string, unknown> | undefined;
            if (indexed) {
              labels[INDEX] = annotations[INDEX] = String(free[k]);
              spec = { hostname: `${job.metadata.name}-${free[k]}` };
              name = uniqueName(c, job, `${job.metadata.name}-${free[k]}`);
            }
            const p = createPodFromTemplate(c, job, job.spec.template, { name, labels, annotations, spec });
            memo.active.set(p.metadata.uid, indexed ? free[k] : undefined);
            c.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
          }
        }
      }
      const nowActive = c.store.owned(job, 'Pod').filter(isPodActive);
      status.active = nowActive.length;
      status.ready = nowActive.filter(isPodReady).length;
    }
    status.succeeded = succeeded;
    status.failed = failed;
    if (indexed) status.completedIndexes = formatIndexes(memo.succeededIndexes);
    status.observedGeneration = job.metadata.generation;
    status.terminating = 0;
    if (writeStatus(c, job, status)) changed = true;
  }
  return changed;
}

/** `<base>-<5 random>`, unique in the namespace (Indexed pods are named after their index). */
function uniqueName(c: ClusterCore, job: KObject, base: string): string {
  let name: string;
  do name = `${base}-${randomSuffix(c.random)}`;
  while (c.store.get('Pod', job.metadata.namespace, name));
  return name;
}
