import { containersOf, podTemplateOf, replicasOf, type ContainerRef, type PodTemplate } from '../model';
import type { Resource } from '../parse';
import { drydockDocs, hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from './rule';

const POD = (extra: string, container = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${extra}  containers:\n    - name: c\n      image: registry.example.com/c:1.0\n${container}`;
const SAFE = '      securityContext:\n        runAsNonRoot: true\n        readOnlyRootFilesystem: true\n        allowPrivilegeEscalation: false\n';

/** Runs `each` over every container of every workload. */
function perContainer(ctx: { resources: Resource[] }, each: (r: Resource, t: PodTemplate, c: ContainerRef) => ManifestHit | ManifestHit[] | null): ManifestHit[] {
  const out: ManifestHit[] = [];
  for (const r of ctx.resources) {
    const t = podTemplateOf(r);
    if (!t) continue;
    for (const c of containersOf(t)) {
      const h = each(r, t, c);
      if (Array.isArray(h)) out.push(...h);
      else if (h) out.push(h);
    }
  }
  return out;
}

const cname = (c: ContainerRef) => `container "${c.container.name ?? c.index}"`;

export const latestTag: ManifestRule = {
  meta: {
    id: 'latest-tag', title: 'Image uses the latest tag or no tag', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('latest-tag'),
    examples: { bad: POD('').replace('c:1.0', 'c:latest'), good: POD('') },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      const image = c.container.image;
      if (typeof image !== 'string' || image.includes('@')) return null;
      const last = image.split('/').pop() ?? image;
      const tag = last.includes(':') ? last.split(':').pop() : null;
      if (tag && tag !== 'latest') return null;
      return hit(r, [...c.path, 'image'], `${cname(c)} runs "${image}", which ${tag ? 'is :latest' : 'has no tag and means :latest'}: what runs changes under you. Pin a version or a digest.`);
    });
  },
};

const requirement = (id: string, resource: 'cpu' | 'memory', what: 'requests' | 'limits', title: string): ManifestRule => ({
  meta: {
    id, title, severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs(id),
    examples: {
      bad: POD(''),
      good: POD('', `      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          memory: 128Mi\n`),
    },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      if (c.container.resources?.[what]?.[resource] !== undefined) return null;
      // With no resources at all, a starting stanza can be added under the container's name (values to tune).
      const canAdd = c.container.resources === undefined && typeof c.container.name === 'string';
      return hit(r, [...c.path, 'name'], `${cname(c)} sets no ${resource} ${what === 'requests' ? 'request' : 'limit'}: ${what === 'requests' ? 'the scheduler cannot place it well' : 'it can use all of the node'}.`, canAdd ? {
        pathFixes: [{ title: 'Add a resources stanza (requests cpu 100m, memory 128Mi; limit memory 128Mi)', resource: r, edits: [{ path: [...c.path, 'name'], insertAfterLine: true, newText: 'resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n  limits:\n    memory: 128Mi' }] }],
      } : {});
    });
  },
});

export const unsetCpuRequests = requirement('unset-cpu-requirements', 'cpu', 'requests', 'Container has no CPU request');
export const unsetMemoryRequests = requirement('unset-memory-requirements', 'memory', 'requests', 'Container has no memory request');
export const unsetMemoryLimit = requirement('drydock/unset-memory-limit', 'memory', 'limits', 'Container has no memory limit');
unsetMemoryLimit.meta.origin = 'drydock';
unsetMemoryLimit.meta.docs = drydockDocs('unset-memory-limit');

const probe = (id: string, field: 'livenessProbe' | 'readinessProbe'): ManifestRule => ({
  meta: {
    id, title: `Container has no ${field}`, severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs(id),
    examples: { bad: POD(''), good: POD('', `      ${field}:\n        httpGet:\n          path: /healthz\n          port: 8080\n`) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      if (c.init || c.container[field] || r.kind === 'Job' || r.kind === 'CronJob') return null;
      return hit(r, [...c.path, 'name'], field === 'livenessProbe'
        ? `${cname(c)} has no liveness probe: a hung process is never restarted.`
        : `${cname(c)} has no readiness probe: it gets traffic before it is ready, and during rollouts too early.`);
    });
  },
});
export const noLivenessProbe = probe('no-liveness-probe', 'livenessProbe');
export const noReadinessProbe = probe('no-readiness-probe', 'readinessProbe');

export const privileged: ManifestRule = {
  meta: {
    id: 'privileged-container', title: 'Container runs privileged', severity: 'error', origin: 'kube-linter', docs: kubeLinterDocs('privileged-container'),
    examples: { bad: POD('', '      securityContext:\n        privileged: true\n'), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.privileged === true ? hit(r, [...c.path, 'securityContext', 'privileged'], `${cname(c)} is privileged: it has full access to the node.`) : null));
  },
};

export const privilegeEscalation: ManifestRule = {
  meta: {
    id: 'privilege-escalation-container', title: 'Container allows privilege escalation', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('privilege-escalation-container'),
    examples: { bad: POD('', '      securityContext:\n        allowPrivilegeEscalation: true\n'), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.allowPrivilegeEscalation === true ? hit(r, [...c.path, 'securityContext', 'allowPrivilegeEscalation'], `${cname(c)} allows privilege escalation (setuid binaries can gain root).`) : null));
  },
};

export const runAsNonRoot: ManifestRule = {
  meta: {
    id: 'run-as-non-root', title: 'Container may run as root', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('run-as-non-root'),
    examples: { bad: POD(''), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, t, c) => {
      const pod = (t.spec as any).securityContext ?? {};
      const sc = c.container.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const user = sc.runAsUser ?? pod.runAsUser;
      if (nonRoot === true || (typeof user === 'number' && user > 0)) return null;
      return hit(r, [...c.path, 'name'], `${cname(c)} may run as root: set securityContext.runAsNonRoot: true (or a non-zero runAsUser).`);
    });
  },
};

export const readOnlyRootFs: ManifestRule = {
  meta: {
    id: 'no-read-only-root-fs', title: 'Container root filesystem is writable', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('no-read-only-root-fs'),
    examples: { bad: POD(''), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.readOnlyRootFilesystem === true ? null : hit(r, [...c.path, 'name'], `${cname(c)} can write to its root filesystem: set securityContext.readOnlyRootFilesystem: true and mount what must be writable.`)));
  },
};

const hostFlag = (id: string, field: 'hostNetwork' | 'hostPID' | 'hostIPC', what: string): ManifestRule => ({
  meta: {
    id, title: `Pod uses ${field}`, severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs(id),
    examples: { bad: POD(`  ${field}: true\n`), good: POD('') },
  },
  check({ resources }) {
    return resources.flatMap((r) => {
      const t = podTemplateOf(r);
      return t && (t.spec as any)[field] === true ? [hit(r, [...t.specPath, field], `The pod shares the node's ${what} (${field}: true).`)] : [];
    });
  },
});
export const hostNetwork = hostFlag('host-network', 'hostNetwork', 'network namespace');
export const hostPid = hostFlag('host-pid', 'hostPID', 'process namespace');
export const hostIpc = hostFlag('host-ipc', 'hostIPC', 'IPC namespace');

export const hostPath: ManifestRule = {
  meta: {
    id: 'drydock/host-path', title: 'Pod mounts a hostPath volume', severity: 'warning', origin: 'drydock', docs: drydockDocs('host-path'),
    examples: { bad: POD('  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n'), good: POD('  volumes:\n    - name: cache\n      emptyDir: {}\n') },
  },
  check({ resources }) {
    const out: ManifestHit[] = [];
    for (const r of resources) {
      const t = podTemplateOf(r);
      ((t?.spec as any)?.volumes ?? []).forEach((v: any, i: number) => {
        if (!v?.hostPath) return;
        const p = String(v.hostPath.path ?? '');
        const docker = /docker\.sock|containerd\.sock/.test(p);
        out.push(hit(r, [...t!.specPath, 'volumes', i, 'hostPath', 'path'], docker
          ? `Volume "${v.name}" mounts the container runtime socket ${p}: whoever controls this pod controls the node.`
          : `Volume "${v.name}" mounts ${p} from the node: the pod depends on and can change the node's files.`));
      });
    }
    return out;
  },
};

const SECRET_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;

/** Secrets written as plain env values end up in the manifest, in git and in `kubectl describe`. Never prints the value. */
export const envVarSecret: ManifestRule = {
  meta: {
    id: 'env-var-secret', title: 'Secret written as a plain environment value', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('env-var-secret'),
    examples: {
      bad: POD('', '      env:\n        - name: DB_PASSWORD\n          value: hunter2\n'),
      good: POD('', '      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n') + '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: x\n',
    },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) =>
      ((c.container.env ?? []) as Array<{ name?: string; value?: unknown }>).flatMap((e, i) =>
        typeof e.name === 'string' && SECRET_ENV.test(e.name) && typeof e.value === 'string' && e.value !== ''
          ? [hit(r, [...c.path, 'env', i, 'value'], `Environment variable ${e.name} holds a secret in plain text; read it from a Secret with valueFrom.secretKeyRef.`)]
          : []));
  },
};

export const sshPort: ManifestRule = {
  meta: {
    id: 'ssh-port', title: 'Container exposes port 22', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('ssh-port'),
    examples: { bad: POD('', '      ports:\n        - containerPort: 22\n'), good: POD('', '      ports:\n        - containerPort: 8080\n') },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => ((c.container.ports ?? []) as Array<{ containerPort?: number }>).flatMap((p, i) => (p.containerPort === 22 ? [hit(r, [...c.path, 'ports', i, 'containerPort'], `${cname(c)} exposes SSH (22); use kubectl exec instead of an SSH daemon.`)] : [])));
  },
};

/** A probe on a port the container does not declare (by name: it cannot resolve at all). */
export const probePort: ManifestRule = {
  meta: {
    id: 'liveness-port', title: 'Probe uses a port the container does not expose', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('liveness-port'),
    examples: {
      bad: POD('', '      ports:\n        - name: http\n          containerPort: 8080\n      livenessProbe:\n        httpGet:\n          path: /\n          port: web\n'),
      good: POD('', '      ports:\n        - name: http\n          containerPort: 8080\n      livenessProbe:\n        httpGet:\n          path: /\n          port: http\n'),
    },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      const out: ManifestHit[] = [];
      const ports = (c.container.ports ?? []) as Array<{ name?: string; containerPort?: number }>;
      for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const p = c.container[field];
        const kind = p?.httpGet ? 'httpGet' : p?.tcpSocket ? 'tcpSocket' : p?.grpc ? 'grpc' : null;
        if (!kind) continue;
        const port = p[kind].port;
        if (typeof port === 'string' && !ports.some((x) => x.name === port)) {
          out.push(hit(r, [...c.path, field, kind, 'port'], `${field} of ${cname(c)} uses port "${port}", which the container does not name (${ports.map((x) => x.name).filter(Boolean).join(', ') || 'no named ports'}).`));
        }
      }
      return out;
    });
  },
};

/** replicas > 1 with no anti-affinity or topology spread: all replicas may land on one node. */
export const noAntiAffinity: ManifestRule = {
  meta: {
    id: 'no-anti-affinity', title: 'Replicas may all land on one node', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('no-anti-affinity'),
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: w\n  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      containers:\n        - name: w\n          image: w:1.0\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: w\n  template:\n    metadata:\n      labels:\n        app: w\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: w\n      containers:\n        - name: w\n          image: w:1.0\n',
    },
  },
  check({ resources }) {
    return resources.flatMap((r) => {
      const n = replicasOf(r);
      const t = podTemplateOf(r);
      if (!t || n === null || n <= 1 || r.kind === 'Pod') return [];
      const spec = t.spec as any;
      if (spec.affinity?.podAntiAffinity || (spec.topologySpreadConstraints ?? []).length) return [];
      return [hit(r, ['spec', 'replicas'], `${n} replicas with no pod anti-affinity or topology spread: one node failure can take them all down.`)];
    });
  },
};
