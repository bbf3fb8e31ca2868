import { markdownCell as cell, ruleAnchor as anchor } from '../../common/strings';
import { DOCKERFILE_RULES, EXAMPLE_CONTEXTS } from './index';

/**
 * docs/rules/dockerfile.md, generated from the rule registry so the table can never drift from the code.
 * Our own rules get a section each (their docs links point at its anchor); hadolint and BuildKit rules link
 * to their upstream pages.
 */
export function renderDockerfileRuleDocs(): string {
  const out: string[] = [
    '# Dockerfile rules',
    '',
    '<!-- Generated from server/src/dockerfile/rules (renderDockerfileRuleDocs); test/unit/dockerfile/rules/docs.test.ts keeps it current. -->',
    '',
    `Drydock checks ${DOCKERFILE_RULES.length} rules. Ids are hadolint's (DLxxxx) and BuildKit's check names where the meaning is the same, so existing`,
    'suppressions keep working: `# hadolint ignore=DL3008,DL3009` (next instruction), `# hadolint global ignore=…`,',
    '`# check=skip=Rule1,Rule2` (or `skip=all`) and `# drydock-ignore RULE` (next instruction). An alias suppresses its rule too.',
    '',
    'The nearest `.hadolint.yaml` (or `.hadolint.yml`) above a Dockerfile configures them as it configures hadolint: `ignored`,',
    '`override` (hadolint\'s `style` becomes `info`), `trustedRegistries` (DL3026), `label-schema` (DL3049–DL3056, DL3058) and',
    '`strict-labels` (DL3050); `disable-ignore-pragma: true` stops `# hadolint ignore=…` comments from suppressing anything.',
    'Rules marked *off* (hadolint\'s severity `ignore`) run only when given a severity there',
    '(`override`) or in Drydock\'s `drydock.rules` setting / `--rule ID=warning`.',
    '',
    '| Id | Also known as | Severity | Origin | What it checks |',
    '|---|---|---|---|---|',
  ];
  for (const { meta } of DOCKERFILE_RULES) {
    const link = meta.origin === 'drydock' ? `[${meta.id}](#${anchor(meta.id)})` : `[${meta.id}](${meta.docs})`;
    out.push(`| ${link} | ${(meta.aliases ?? []).join(', ')} | ${meta.off ? `off (${meta.severity} when on)` : meta.severity} | ${meta.origin} | ${cell(meta.title)} |`);
  }
  out.push('', '## Drydock rules', '');
  for (const { meta } of DOCKERFILE_RULES.filter((r) => r.meta.origin === 'drydock')) {
    out.push(`<a id="${anchor(meta.id)}"></a>`, `### ${meta.id}`, '', `${meta.title}. Severity: ${meta.severity}.`, '');
    const ec = EXAMPLE_CONTEXTS[meta.id];
    if (ec) {
      out.push(`With a build context holding ${Object.keys(ec.files).map((f) => `\`${f}\``).join(', ')} and ` +
        (ec.dockerignore ? `a .dockerignore of \`${ec.dockerignore.trim().replace(/\n/g, ', ')}\`` : 'no useful .dockerignore') + ':', '');
    }
    out.push(
      'Triggers:', '', '```dockerfile', meta.examples.bad.trimEnd(), '```', '', 'Clean:', '', '```dockerfile', meta.examples.good.trimEnd(), '```', '');
  }
  out.push(
    '## The configuration file',
    '',
    '<a id="hadolint-config"></a>',
    '### drydock/hadolint-config',
    '',
    'A problem in the `.hadolint.yaml` that configures a Dockerfile. Severity: warning. It is shown on the first line of',
    'each Dockerfile the file configures (pointing at the line in the file), and in the file itself when it is open.',
    'What is reported: text that is not valid YAML (the whole file is then ignored), a top level that is not a mapping,',
    '`ignored` or `trustedRegistries` that is not a list of strings, `override`',
    'levels other than error / warning / info / style, `label-schema` types other than the ones hadolint knows, values',
    'of `strict-labels`, `disable-ignore-pragma` and `failure-threshold` of the wrong kind, unknown keys (ignored), and a',
    'file that cannot be read or is larger than 1 MB. Everything else in the file still applies.',
    '',
  );
  return out.join('\n');
}
