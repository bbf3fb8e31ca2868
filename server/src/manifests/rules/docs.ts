import { markdownCell as cell, ruleAnchor as anchor } from '../../common/strings';
import { VALIDATION_RULES, SCHEMA_RULE, KUBERNETES_VERSION } from '../validation/index';
import { MANIFEST_RULES } from './index';

/** What each validation rule id covers (the checks themselves live in validation/). */
const VALIDATION_TOPICS: Record<string, string> = {
  [SCHEMA_RULE]: `Unknown fields (with a "did you mean"), wrong types, values outside an enum, missing required fields, against the Kubernetes ${KUBERNETES_VERSION} API definitions, or a CustomResourceDefinition's openAPIV3Schema from the workspace`,
  [VALIDATION_RULES.name]: 'metadata.name (and generateName) as the API server checks it: DNS-1123 subdomain, DNS-1123 label for Namespaces, DNS-1035 label for Services',
  [VALIDATION_RULES.labels]: 'Label and annotation keys (prefix/name) and label values',
  [VALIDATION_RULES.selector]: 'A workload selector that does not match its pod template labels; a missing apps/v1 selector',
  [VALIDATION_RULES.quantity]: 'resource.Quantity syntax ("500m", "1.5Gi", "1e3")',
  [VALIDATION_RULES.requestsLimits]: 'Requests greater than limits',
  [VALIDATION_RULES.ports]: 'Container ports (containerPort and hostPort 1–65535, port names, protocol)',
  [VALIDATION_RULES.duplicates]: 'Duplicate container, volume, port and env names',
  [VALIDATION_RULES.service]: 'Service type, ports (required, names when several, port and targetPort ranges), nodePort 30000–32767',
  [VALIDATION_RULES.rollout]: 'Deployment strategy: type, maxSurge and maxUnavailable (not both zero, at most 100%), minReadySeconds, progressDeadlineSeconds',
  [VALIDATION_RULES.podSpec]: 'Pod spec rules the API server enforces: containers required and named, restartPolicy per kind, volume mounts that name a volume',
  [VALIDATION_RULES.ingress]: 'Ingress path and pathType rules, backends',
  [VALIDATION_RULES.cron]: 'CronJob schedule syntax',
  [VALIDATION_RULES.secret]: 'Secret data values that are not base64 (the API server cannot decode the object); the value is never printed',
};

/**
 * docs/rules/manifests.md, generated from the rule registry so it can never drift from the code. Our own
 * rules get a section each (their docs links point at its anchor); kube-linter rules link upstream.
 */
export function renderManifestRuleDocs(): string {
  const out: string[] = [
    '# Kubernetes manifest rules',
    '',
    '<!-- Generated from server/src/manifests/rules (renderManifestRuleDocs); test/unit/manifests/docs.test.ts keeps it current. -->',
    '',
    `Drydock checks ${MANIFEST_RULES.length} rules across the resources of a workspace, after validating each object. Ids are`,
    "kube-linter's check names where the meaning is the same. Suppress a rule on one object with kube-linter's",
    'annotation `ignore-check.kube-linter.io/<check>: "reason"`, our annotation `drydock.dev/ignore: "<id>,<id>"`,',
    'or a `# drydock-ignore <id>` comment in the document; turn it off or change its severity with the `drydock.rules` setting',
    'or `drydock check --rule ID=off`.',
    '',
    '| Id | Severity | Origin | What it checks |',
    '|---|---|---|---|',
  ];
  for (const { meta } of MANIFEST_RULES) {
    const link = meta.origin === 'drydock' ? `[${meta.id}](#${anchor(meta.id)})` : `[${meta.id}](${meta.docs})`;
    out.push(`| ${link} | ${meta.severity} | ${meta.origin} | ${cell(meta.title)} |`);
  }
  out.push('', '## Validation', '', 'What the API server would reject is an error, with its own wording where it has one.', '', '| Id | What it checks |', '|---|---|');
  for (const [id, topic] of Object.entries(VALIDATION_TOPICS)) out.push(`| ${id} | ${cell(topic)} |`);
  out.push('', '## Drydock rules', '');
  for (const { meta } of MANIFEST_RULES.filter((r) => r.meta.origin === 'drydock')) {
    out.push(`<a id="${anchor(meta.id)}"></a>`, `### ${meta.id}`, '', `${meta.title}. Severity: ${meta.severity}.`, '',
      'Triggers:', '', '```yaml', meta.examples.bad.trimEnd(), '```', '', 'Clean:', '', '```yaml', meta.examples.good.trimEnd(), '```', '');
  }
  return out.join('\n');
}
