import { compareFindings, type Finding } from '../common/types';
import { analyseDockerfile } from '../dockerfile/index';
import { analyseManifests } from '../manifests/index';
import type { FileKind } from './classify';
import { tooLargeFinding, DEFAULT_MAX_FILE_SIZE } from './guard';

export interface AnalyseOptions {
  maxFileSize?: number;
  buildArgs?: Record<string, string>;
}

/**
 * The one entry point both faces use for a single document's findings. It never throws: an
 * analysis that fails becomes an `internal-error` finding so the rest of the editor keeps working.
 */
export function analyseText(kind: FileKind, text: string, options: AnalyseOptions = {}): Finding[] {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > limit) return [tooLargeFinding(text.length, limit)];
  try {
    let findings: Finding[];
    switch (kind) {
      case 'dockerfile':
        findings = analyseDockerfile(text, { buildArgs: options.buildArgs }).findings;
        break;
      case 'yaml':
        findings = analyseManifests(text).findings;
        break;
      case 'dockerignore':
        findings = [];
        break;
    }
    return findings.sort(compareFindings);
  } catch (e) {
    return [{
      rule: 'internal-error',
      severity: 'error',
      message: `Drydock could not analyse this file: ${(e as Error).message ?? String(e)}. Please report it.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    }];
  }
}
