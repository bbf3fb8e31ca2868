import type { RuleMeta } from '../../common/rule';
import type { LineIndex } from '../../common/text';
import type { Finding } from '../../common/types';
import { buildGraph, type DockerfileRef, type ResourceGraph } from '../graph';
import { annotationsOf } from '../model';
import { rangeAt, type Resource } from '../parse';
import type { ManifestHit, ManifestRule } from './rule';
import {
  danglingHpa, danglingIngress, danglingNetworkPolicy, danglingPdb, danglingService, duplicateResource, missingConfigMap, missingKey,
  missingPvc, missingSecret, missingServiceAccount, selectorOverlap, serviceTargetPort,
} from './references';
import {
  envVarSecret, hostIpc, hostNetwork, hostPath, hostPid, latestTag, noAntiAffinity, noLivenessProbe, noReadinessProbe, privilegeEscalation,
  privileged, probePort, readOnlyRootFs, runAsNonRoot, sshPort, unsetCpuRequests, unsetMemoryLimit, unsetMemoryRequests,
} from './containers';
import { defaultNamespace, deprecatedApi, exposedService, pdbBlocksEviction } from './policy';

/** Every manifest rule: cross-resource checks first, then best practice and security. */
export const MANIFEST_RULES: ManifestRule[] = [
  danglingService, danglingIngress, danglingHpa, danglingNetworkPolicy, danglingPdb, serviceTargetPort, missingConfigMap, missingSecret,
  missingPvc, missingServiceAccount, missingKey, duplicateResource, selectorOverlap,
  latestTag, unsetCpuRequests, unsetMemoryRequests, unsetMemoryLimit, noLivenessProbe, noReadinessProbe, privileged, privilegeEscalation,
  runAsNonRoot, readOnlyRootFs, hostNetwork, hostPid, hostIpc, hostPath, envVarSecret, sshPort, probePort, noAntiAffinity,
  deprecatedApi, pdbBlocksEviction, defaultNamespace, exposedService,
];

const BY_ID = new Map<string, RuleMeta>(MANIFEST_RULES.map((r) => [r.meta.id, r.meta]));

export function manifestRuleDocs(ruleId: string): string | undefined {
  return BY_ID.get(ruleId)?.docs;
}

export interface ManifestFile {
  path: string;
  resources: Resource[];
  lines: LineIndex;
}

function suppressed(r: Resource, ruleId: string): boolean {
  const short = ruleId.replace(/^drydock\//, '');
  const ann = annotationsOf(r.object);
  if (ann[`ignore-check.kube-linter.io/${ruleId}`] !== undefined || ann[`ignore-check.kube-linter.io/${short}`] !== undefined) return true;
  if (ann['drydock.dev/ignore']?.split(/[,\s]+/).some((id) => id === ruleId || id === short)) return true;
  return r.comments.some((c) => {
    const m = /#\s*drydock-ignore\s+(.+)$/.exec(c);
    return !!m && m[1].split(/[,\s]+/).some((id) => id === ruleId || id === short || id === 'all');
  });
}

/**
 * Runs every manifest rule over the resources of all files at once (references resolve across
 * files) and returns the findings of each file, honouring suppressions.
 */
export function runManifestRules(files: ManifestFile[], dockerfiles: DockerfileRef[] = []): { graph: ResourceGraph; findings: Map<string, Finding[]> } {
  const fileOf = new Map<Resource, ManifestFile>();
  for (const f of files) for (const r of f.resources) fileOf.set(r, f);
  const resources = files.flatMap((f) => f.resources);
  const graph = buildGraph(resources, dockerfiles);
  const findings = new Map<string, Finding[]>(files.map((f) => [f.path, []]));
  for (const rule of MANIFEST_RULES) {
    let hits: ManifestHit[];
    try {
      hits = rule.check({ resources, graph });
    } catch (e) {
      const first = files[0];
      if (first) findings.get(first.path)!.push({ rule: 'internal-error', severity: 'error', message: `Rule ${rule.meta.id} failed: ${(e as Error).message}. Please report it.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      continue;
    }
    for (const h of hits) {
      const file = fileOf.get(h.resource);
      if (!file || suppressed(h.resource, rule.meta.id)) continue;
      const range = rangeAt(h.resource, file.lines, h.path, h.key);
      const fixes = [...(h.fixes ?? [])];
      for (const pf of h.pathFixes ?? []) {
        const target = fileOf.get(pf.resource);
        if (!target) continue;
        fixes.push({
          title: pf.title,
          ...(target !== file ? { path: target.path } : {}),
          ...(pf.isPreferred ? { isPreferred: true } : {}),
          edits: pf.edits.map((e) => {
            const at = rangeAt(pf.resource, target.lines, e.path);
            if (!e.insertAfterLine) return { range: at, newText: e.newText };
            const lines = pf.resource.lines ?? target.lines;
            const end = { line: at.end.line, character: lines.lineText(at.end.line).length };
            const indent = ' '.repeat(rangeAt(pf.resource, target.lines, e.path, true).start.character);
            return { range: { start: end, end }, newText: e.newText.split('\n').filter((l) => l !== '').map((l) => `\n${indent}${l}`).join('') };
          }),
        });
      }
      if (h.replaceValue) fixes.push({ title: h.replaceValue.title, edits: [{ range: rangeAt(h.resource, file.lines, h.path), newText: h.replaceValue.text }], isPreferred: true });
      const finding: Finding = {
        rule: rule.meta.id,
        severity: h.severity ?? rule.meta.severity,
        message: h.message,
        range,
        ...(fixes.length ? { fixes } : {}),
      };
      if (h.related?.length) {
        finding.related = h.related.flatMap((rel) => {
          const rf = fileOf.get(rel.resource);
          return rf ? [{ path: rf.path, range: rangeAt(rel.resource, rf.lines, rel.path), message: rel.message }] : [];
        });
      }
      findings.get(file.path)!.push(finding);
    }
  }
  return { graph, findings };
}
