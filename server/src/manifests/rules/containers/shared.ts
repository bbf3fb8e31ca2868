/** Helpers shared by the containers rules. */
import { podTemplateOf, containersOf, type ContainerRef, type PodTemplate } from '../../model';
import type { Resource } from '../../parse';
import { hit, kubeLinterDocs, type ManifestHit, type ManifestRule } from '../rule';

export const POD = (extra: string, container = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${extra}  containers:\n    - name: c\n      image: registry.example.com/c:1.0\n${container}`;

export const SAFE = '      securityContext:\n        runAsNonRoot: true\n        readOnlyRootFilesystem: true\n        allowPrivilegeEscalation: false\n';

/** Runs `each` over every container of every workload. */
export function perContainer(ctx: { resources: Resource[] }, each: (r: Resource, t: PodTemplate, c: ContainerRef) => ManifestHit | ManifestHit[] | null): ManifestHit[] {
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

export const cname = (c: ContainerRef) => `container "${c.container.name ?? c.index}"`;

export const requirement = (id: string, resource: 'cpu' | 'memory', what: 'requests' | 'limits', title: string): ManifestRule => ({
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

export const probe = (id: string, field: 'livenessProbe' | 'readinessProbe'): ManifestRule => ({
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

export const hostFlag = (id: string, field: 'hostNetwork' | 'hostPID' | 'hostIPC', what: string): ManifestRule => ({
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

export { CREDENTIAL_NAME as SECRET_ENV } from '../../validation/context';
