import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../common/types';
import { analyseDockerfile, parseDockerfile, planLayers } from '../dockerfile/index';
import type { LayerPlan } from '../protocol/dockerfile';
import type { AnalyseOptions } from './analyse';
import { BuildContextCache } from './buildContext';

const contexts = new BuildContextCache();

/** The context of a Dockerfile that exists on disk (its folder by default); null for unsaved buffers. */
function contextFor(dockerfilePath: string, contextRoot?: string) {
  const root = contextRoot ?? path.dirname(dockerfilePath);
  try {
    if (!fs.statSync(root).isDirectory()) return null;
  } catch {
    return null;
  }
  return contexts.get(dockerfilePath, root);
}

/**
 * Findings for a Dockerfile on disk (or open in the editor at `path`): the workspace layer reads
 * the build context and .dockerignore and hands the core plain data.
 */
export function dockerfileFindings(dockerfilePath: string, text: string, options: AnalyseOptions): Finding[] {
  return analyseDockerfile(text, { buildArgs: options.buildArgs, context: contextFor(dockerfilePath) }).findings;
}

export interface LayerPlanFileOptions {
  contextRoot?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  changed?: string[];
}

/** The layer plan of a Dockerfile with its real build context. */
export function layerPlanForFile(dockerfilePath: string, text: string, options: LayerPlanFileOptions = {}): LayerPlan {
  return planLayers(parseDockerfile(text), {
    context: contextFor(dockerfilePath, options.contextRoot),
    target: options.target,
    buildArgs: options.buildArgs,
    changed: options.changed,
  });
}

/** Forget cached contexts (files changed on disk). */
export function invalidateBuildContexts(): void {
  contexts.invalidate();
}
