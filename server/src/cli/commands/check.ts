import * as path from 'node:path';
import { SEVERITY_ORDER, type Severity } from '../../common/types';
import { analyseFiles, type SourceFile } from '../../workspace/analyse';
import { applyOverrides, sanitizeOverrides } from '../../workspace/overrides';
import { findHadolintConfig, projectRoot, readHadolintConfig, type FailureThreshold } from '../../workspace/hadolintConfig';
import { findFiles, readForAnalysis, UsageError } from '../../workspace/files';
import { DEFAULT_MAX_FILE_SIZE } from '../../workspace/guard';
import { ruleDocs } from '../../workspace/ruleDocs';
import { oneOf, parseBuildArgs, parseCommandArgs } from '../args';
import { formatJson, formatSarif, formatText, type FileResult } from '../format';
import { VERSION, type CommandIO } from '../io';

export const CHECK_USAGE = `Usage: drydock check [paths…] [--format text|json|sarif] [--fail-on error|warning|info] [--build-arg K=V]… [--rule ID=off|error|warning|info]… [--exit-zero]

Checks Dockerfiles and Kubernetes manifests. Directories are searched for Dockerfile, Dockerfile.*,
*.Dockerfile, *.dockerfile and *.yaml/*.yml holding manifests (node_modules and .git are skipped).
Exit status: 0 nothing at or above --fail-on (default: .hadolint.yaml's failure-threshold, else error),
1 something was found, 2 usage or I/O error.
Each Dockerfile honours the nearest .hadolint.yaml above it (ignored, override, trustedRegistries,
label-schema, strict-labels, disable-ignore-pragma); --rule wins over it.
--exit-zero reports findings but exits 0 unless there is a usage or I/O error.`;

function cwdFailureThreshold(cwd: string, root: string): FailureThreshold | null {
  const file = findHadolintConfig(path.join(cwd, 'Dockerfile'), [root]);
  return file ? readHadolintConfig(file).failureThreshold : null;
}

export async function runCheck(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
    'exit-zero': { type: 'boolean' },
    rule: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECK_USAGE + '\n');
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOnFlag = values['fail-on'] === undefined ? undefined : oneOf<Severity>('fail-on', values['fail-on'], ['error', 'warning', 'info'] as const, 'error');
  const buildArgs = parseBuildArgs(values['build-arg']);
  const overrides: Record<string, string> = {};
  for (const r of values.rule ?? []) {
    const [id, setting] = r.split('=');
    if (!id || !setting || !sanitizeOverrides({ [id]: setting })[id]) throw new UsageError(`--rule wants ID=off|error|warning|info|hint, got "${r}"`);
    overrides[id] = setting;
  }
  const ruleOverrides = sanitizeOverrides(overrides);
  const maxFileSize = values['max-file-size'] ? Number(values['max-file-size']) : DEFAULT_MAX_FILE_SIZE;
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError(`--max-file-size wants a number of bytes, got "${values['max-file-size']}"`);
  const files = findFiles(positionals.length ? positionals : ['.']);
  const sources: SourceFile[] = [];
  const early = new Map<string, FileResult['findings']>();
  for (const file of files) {
    const read = readForAnalysis(file.path, maxFileSize);
    early.set(file.path, read.findings);
    if (read.text !== null) sources.push({ path: file.path, kind: file.kind, text: read.text });
  }
  // The search for each Dockerfile's .hadolint.yaml stops at the project root (the git work tree holding the working directory).
  const root = projectRoot(io.cwd);
  const analysed = analyseFiles(sources, { maxFileSize, buildArgs, rules: ruleOverrides, roots: [root] });
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  const results: FileResult[] = [];
  for (const file of files) {
    const findings = applyOverrides([...(early.get(file.path) ?? []), ...(analysed.get(file.path) ?? [])], ruleOverrides);
    const text = texts.get(file.path);
    // YAML that is not a manifest has no findings and is not listed, so compose files and workflows stay out of reports.
    if (file.kind === 'yaml' && findings.length === 0 && text !== undefined && !/^\s*kind\s*:/m.test(text)) continue;
    results.push({ path: file.path, findings });
  }
  const base = io.cwd;
  if (format === 'json') io.stdout(formatJson(results, base));
  else if (format === 'sarif') io.stdout(formatSarif(results, base, ruleDocs, VERSION));
  else io.stdout(formatText(results, base));
  if (values['exit-zero']) return 0;
  // --fail-on, else the failure-threshold of the .hadolint.yaml nearest to the working directory.
  const failOn: FailureThreshold = failOnFlag ?? cwdFailureThreshold(io.cwd, root) ?? 'error';
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[failOn];
  return results.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}
