import { compareFindings, type Finding } from '../common/types';
import { analyseDockerfile } from '../dockerfile/index';
import { analyseManifests } from '../manifests/index';
import type { FileKind } from './classify';
import { dockerfileFindings } from './dockerfiles';
import { guardText, longLineFinding } from './guard';
import { manifestFindings } from './manifests';
import { ruleOptions } from './hadolintConfig';
import type { RuleOverrides } from './overrides';

export interface AnalyseOptions {
  maxFileSize?: number;
  buildArgs?: Record<string, string>;
  /**
   * Drydock's own rule settings (drydock.rules, --rule): they win over a .hadolint.yaml, and a severity
   * turns on a rule that is off by default. The caller still applies them to what comes back.
   */
  rules?: RuleOverrides;
  /** Workspace roots: the search for a Dockerfile's .hadolint.yaml stops at the one holding it. */
  roots?: string[];
  /** Read .hadolint.yaml files (default true; analyseText never reads files). */
  hadolintConfig?: boolean;
}

export interface SourceFile {
  path: string;
  kind: FileKind;
  text: string;
}

function internalError(e: unknown): Finding {
  return {
    rule: 'internal-error',
    severity: 'error',
    message: `Drydock could not analyse this file: ${(e as Error)?.message ?? String(e)}. Please report it.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/**
 * One document on its own, with no file system: the pure path the library face offers. It never
 * throws: an analysis that fails becomes an `internal-error` finding.
 */
export function analyseText(kind: FileKind, text: string, options: AnalyseOptions = {}): Finding[] {
  const stop = guardText(text, options.maxFileSize) ?? (kind === 'dockerfile' ? longLineFinding(text) : null);
  if (stop) return [stop];
  try {
    switch (kind) {
      case 'dockerfile':
        return analyseDockerfile(text, { buildArgs: options.buildArgs, rules: ruleOptions(null, options.rules ?? {}) }).findings.sort(compareFindings);
      case 'yaml':
        return analyseManifests(text).findings.sort(compareFindings);
      case 'dockerignore':
        return [];
    }
  } catch (e) {
    return [internalError(e)];
  }
}

/**
 * A set of files analysed together (the CLI's `check`, the server's workspace): Dockerfiles with
 * their build contexts, manifests with references resolved across files. Never throws.
 */
export function analyseFiles(files: SourceFile[], options: AnalyseOptions = {}): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const yaml: Array<{ path: string; text: string }> = [];
  for (const f of files) {
    const stop = guardText(f.text, options.maxFileSize) ?? (f.kind === 'dockerfile' ? longLineFinding(f.text) : null);
    if (stop) {
      out.set(f.path, [stop]);
    } else if (f.kind === 'dockerfile') {
      try {
        out.set(f.path, dockerfileFindings(f.path, f.text, options));
      } catch (e) {
        out.set(f.path, [internalError(e)]);
      }
    } else if (f.kind === 'yaml') {
      yaml.push({ path: f.path, text: f.text });
    } else {
      out.set(f.path, []);
    }
  }
  if (yaml.length) {
    try {
      for (const [p, findings] of manifestFindings(yaml, options)) out.set(p, findings);
    } catch (e) {
      for (const y of yaml) if (!out.has(y.path)) out.set(y.path, [internalError(e)]);
    }
  }
  for (const [p, findings] of out) out.set(p, findings.sort(compareFindings));
  return out;
}
