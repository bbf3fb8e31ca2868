import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Finding, Fix, Severity } from '../common/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Diagnostics made per Finding object: analyses hand back the same Finding objects for what did not change,
 * so the same Diagnostic objects go out again (and their JSON text, see worker.ts, is not made twice).
 */
const made = new WeakMap<Finding, { uri: string; docs?: string; diagnostic: Diagnostic }>();

export function toDiagnostic(f: Finding, uri: string, docs?: string): Diagnostic {
  const hit = made.get(f);
  if (hit && hit.uri === uri && hit.docs === docs) return hit.diagnostic;
  const d = makeDiagnostic(f, uri, docs);
  made.set(f, { uri, docs, diagnostic: d });
  return d;
}

function makeDiagnostic(f: Finding, uri: string, docs?: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'drydock',
    message: f.message,
  };
  if (docs) d.codeDescription = { href: docs };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: r.path ? URI.file(r.path).toString() : uri, range: r.range },
      message: r.message,
    }));
  }
  if (f.fixes?.length) d.data = { fixes: f.fixes };
  return d;
}

export function uriToPath(uri: string): string | null {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : null;
  } catch {
    return null;
  }
}

/** Quick fixes carried by diagnostics (a finding's `fixes`), as LSP code actions. */
export function fixActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const fixes = (d.data as { fixes?: Fix[] } | undefined)?.fixes;
    if (!Array.isArray(fixes)) continue;
    for (const fix of fixes) {
      if (!fix || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) continue;
      const target = fix.path ? URI.file(fix.path).toString() : uri;
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.isPreferred,
        edit: { changes: { [target]: fix.edits } },
      });
    }
  }
  return out;
}
