import * as path from 'node:path';
import type { LayerPlan } from '../../protocol/dockerfile';
import { formatBytes } from '../../common/strings';
import { readForAnalysis, UsageError } from '../../workspace/files';
import { layerPlanForFile, sharingFor } from '../../workspace/dockerfiles';
import { oneOf, parseBuildArgs, parseCommandArgs } from '../args';
import type { CommandIO } from '../io';

export const LAYERS_USAGE = `Usage: drydock layers <Dockerfile> [--context DIR] [--target STAGE] [--build-arg K=V]… [--changed PATH]… [--workspace DIR] [--format text|json]

Plans the image before any build: each stage's steps, which make a filesystem layer and which only
change the config, the size of every COPY/ADD layer from the build context (after .dockerignore),
and, with --changed (a context path, or arg:NAME for a build-arg), which steps would rebuild.
With --workspace DIR it also lists the Dockerfiles under DIR whose images share leading layers.`;

export function formatPlanText(plan: LayerPlan, changed: string[]): string {
  const lines: string[] = [];
  if (plan.context) {
    lines.push(`context ${plan.context.root}: ${plan.context.files} file(s), ${plan.context.ignored} ignored${plan.context.dockerignore ? ` by ${plan.context.dockerignore}` : ''}${plan.context.truncated ? ' (walk stopped early: sizes are lower bounds)' : ''}`);
  } else lines.push('context: not read (sizes unknown)');
  for (const stage of plan.stages) {
    const title = `stage ${stage.index}${stage.name ? ` "${stage.name}"` : ''} FROM ${stage.base ?? '?'}${stage.skipped ? '  (skipped: the target does not need it)' : ''}`;
    lines.push('', title);
    for (const step of stage.steps) {
      const args = step.arguments.length > 60 ? step.arguments.slice(0, 59) + '…' : step.arguments;
      const size = step.kind === 'config' ? 'no layer' : step.tarBytes === null ? 'size ?' : `${step.estimated ? '≈ ' : ''}${formatBytes(step.tarBytes)}${step.files !== undefined ? ` (${step.files} file${step.files === 1 ? '' : 's'})` : ''}`;
      const mark = step.rebuilds ? ' ↻ rebuilds' : '';
      lines.push(`  ${String(step.line + 1).padStart(4)}  ${step.instruction.padEnd(10)} ${args.padEnd(60)}  ${size}${mark}`);
    }
  }
  const unknown = plan.image.unknownLayers ? ` + ${plan.image.unknownLayers} layer(s) of unknown or estimated size` : '';
  lines.push('', `image (target ${plan.target ?? '?'}): ${plan.image.layers.length} layer(s) on ${plan.image.base ?? 'scratch'}, ${formatBytes(plan.image.knownBytes)} known${unknown}`);
  for (const s of plan.sharedWith ?? []) {
    lines.push(`shares ${s.layers} layer(s) (${formatBytes(s.bytes)} known) with ${s.path}`);
  }
  if (changed.length) {
    const n = plan.stages.reduce((k, s) => k + s.steps.filter((x) => x.rebuilds).length, 0);
    lines.push(`a change to ${changed.join(', ')} rebuilds ${n} step(s)`);
  }
  return lines.join('\n') + '\n';
}

export async function runLayers(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    context: { type: 'string' },
    target: { type: 'string' },
    'build-arg': { type: 'string', multiple: true },
    changed: { type: 'string', multiple: true },
    workspace: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(LAYERS_USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('drydock layers takes exactly one Dockerfile');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const file = path.resolve(io.cwd, positionals[0]);
  let read;
  try {
    read = readForAnalysis(file);
  } catch (e) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (read.text === null) throw new UsageError(`${positionals[0]}: ${read.findings.map((f) => f.message).join(' ')}`);
  const changed = values.changed ?? [];
  let plan: LayerPlan;
  try {
    plan = layerPlanForFile(file, read.text, {
      contextRoot: values.context ? path.resolve(io.cwd, values.context) : undefined,
      target: values.target,
      buildArgs: parseBuildArgs(values['build-arg']),
      changed,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.workspace) plan.sharedWith = sharingFor(file, plan, path.resolve(io.cwd, values.workspace), parseBuildArgs(values['build-arg']));
  io.stdout(format === 'json' ? JSON.stringify(plan, null, 2) + '\n' : formatPlanText(plan, changed));
  return 0;
}
