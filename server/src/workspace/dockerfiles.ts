import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../common/types';
import { analyseDockerfile, parseDockerfile, parseDockerfileIncremental, planLayers, sharedLayers, type DockerfileModel } from '../dockerfile/index';
import { findFiles } from './files';
import type { LayerPlan } from '../protocol/dockerfile';
import type { AnalyseOptions } from './analyse';
import { BuildContextCache } from './buildContext';
import { configFindings, hadolintSettingsFor, ruleOptions } from './hadolintConfig';
import { applyOverrides } from './overrides';

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
 * The last model of each Dockerfile analysed (by path, the most recent 32), so that the next version of
 * an edited file is parsed incrementally: only the instructions around the change are parsed again.
 * A model handed out is current until the next call for the same path (which moves its positions).
 */
const models = new Map<string, DockerfileModel>();

function remember(dockerfilePath: string, model: DockerfileModel): DockerfileModel {
  models.delete(dockerfilePath);
  models.set(dockerfilePath, model);
  if (models.size > 32) models.delete(models.keys().next().value as string);
  return model;
}

/** The model of `text`, the file at `dockerfilePath`: re-used when unchanged, else parsed incrementally. */
export function dockerfileModel(dockerfilePath: string, text: string): DockerfileModel {
  const previous = models.get(dockerfilePath);
  if (previous && previous.parsed.text === text) return previous;
  return remember(dockerfilePath, parseDockerfileIncremental(text, previous));
}

/**
 * Findings for a Dockerfile on disk (or open in the editor at `path`): the workspace layer reads
 * the build context and .dockerignore and hands the core plain data.
 */
export function dockerfileFindings(dockerfilePath: string, text: string, options: AnalyseOptions): Finding[] {
  const previous = models.get(dockerfilePath);
  // The nearest .hadolint.yaml (re-read when it changes on disk): rule options in, its ignored/override applied to what comes out.
  const hadolint = options.hadolintConfig === false ? null : hadolintSettingsFor(dockerfilePath, options.roots ?? [], options.rules ?? {});
  const rules = hadolint ? hadolint.options : ruleOptions(null, options.rules ?? {});
  const analysis = analyseDockerfile(text, { buildArgs: options.buildArgs, context: contextFor(dockerfilePath), previous: previous ?? undefined, rules });
  remember(dockerfilePath, analysis.model);
  if (!hadolint) return analysis.findings;
  const findings = applyOverrides(analysis.findings, hadolint.overrides);
  return hadolint.config ? [...findings, ...configFindings(hadolint.config, text)] : findings;
}

export interface LayerPlanFileOptions {
  contextRoot?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  changed?: string[];
  /** The file's model when the caller has it (see dockerfileModel); parsed from `text` otherwise. */
  model?: DockerfileModel;
}

/** The layer plan of a Dockerfile with its real build context. */
export function layerPlanForFile(dockerfilePath: string, text: string, options: LayerPlanFileOptions = {}): LayerPlan {
  return planLayers(options.model ?? parseDockerfile(text), {
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

interface PlannedFile {
  mtimeMs: number;
  plan: LayerPlan;
}
const planned = new Map<string, PlannedFile>();
/** Dockerfiles found under a root, re-listed at most every 10 s. */
const dockerfileLists = new Map<string, { at: number; files: string[] }>();

/**
 * The Dockerfiles under `root` whose final images share leading layers with `plan` (same base, same
 * first steps and inputs). Other Dockerfiles are planned from disk and cached by modification time.
 */
export function sharingFor(dockerfilePath: string, plan: LayerPlan, root: string, buildArgs: Record<string, string> = {}): NonNullable<LayerPlan['sharedWith']> {
  let listed = dockerfileLists.get(root);
  if (!listed || Date.now() - listed.at > 10_000) {
    try {
      listed = { at: Date.now(), files: findFiles([root]).filter((f) => f.kind === 'dockerfile').map((f) => f.path).slice(0, 200) };
    } catch {
      return [];
    }
    dockerfileLists.set(root, listed);
  }
  const others = listed.files.filter((f) => path.resolve(f) !== path.resolve(dockerfilePath));
  const out: NonNullable<LayerPlan['sharedWith']> = [];
  for (const other of others) {
    let entry: PlannedFile | undefined;
    try {
      const st = fs.statSync(other);
      if (st.size > 1024 * 1024) continue;
      entry = planned.get(other);
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        entry = { mtimeMs: st.mtimeMs, plan: layerPlanForFile(other, fs.readFileSync(other, 'utf8'), { buildArgs }) };
        planned.set(other, entry);
      }
    } catch {
      continue;
    }
    const shared = sharedLayers(plan, entry.plan);
    if (shared.layers > 0) out.push({ path: other, ...shared });
  }
  return out.sort((a, b) => b.layers - a.layers || a.path.localeCompare(b.path));
}
