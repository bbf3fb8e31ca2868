import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../common/types';

export interface FileResult {
  path: string;
  findings: Finding[];
}

export type RuleDocs = (ruleId: string) => string | undefined;

function rel(p: string, base: string): string {
  const r = path.relative(base, p);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r.split(path.sep).join('/') : p;
}

/** `path:line:col: severity rule message`, 1-based as compilers print it, then a summary. */
export function formatText(results: FileResult[], base: string): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      counts[f.severity]++;
      lines.push(`${rel(r.path, base)}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`);
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  lines.push(
    total === 0
      ? `${results.length} file(s) checked, no findings.`
      : `${results.length} file(s) checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info + counts.hint} info.`,
  );
  return lines.join('\n') + '\n';
}

/** The stable JSON documented in the README: 0-based lines, LSP-style ranges. */
export function formatJson(results: FileResult[], base: string): string {
  return JSON.stringify(
    {
      files: results.map((r) => ({
        path: rel(r.path, base),
        findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range })),
      })),
    },
    null,
    2,
  ) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 as GitHub code scanning reads it: 1-based lines and columns, one rule entry per id. */
export function formatSarif(results: FileResult[], base: string, docs: RuleDocs, version: string): string {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  const sarifResults: object[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (!ruleIndex.has(f.rule)) {
        ruleIndex.set(f.rule, rules.length);
        const help = docs(f.rule);
        rules.push({
          id: f.rule,
          name: f.rule,
          shortDescription: { text: f.rule },
          ...(help ? { helpUri: help } : {}),
          defaultConfiguration: { level: SARIF_LEVEL[f.severity] },
        });
      }
      sarifResults.push({
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: rel(r.path, base), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        }],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'drydock', version, informationUri: 'https://github.com/drydock-dev/drydock', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(base + path.sep).href } },
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
