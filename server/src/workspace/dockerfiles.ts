import type { Finding } from '../common/types';
import { analyseDockerfile } from '../dockerfile/index';
import type { AnalyseOptions } from './analyse';

/**
 * Findings for a Dockerfile on disk (or open in the editor at `path`): the workspace layer reads
 * what the core needs from the file system (build context, .dockerignore) and hands it plain data.
 */
export function dockerfileFindings(_path: string, text: string, options: AnalyseOptions): Finding[] {
  return analyseDockerfile(text, { buildArgs: options.buildArgs }).findings;
}
