import * as path from 'node:path';
import { parseDockerfile, planLayers } from '../../dockerfile/index';
import { readForAnalysis, UsageError } from '../../workspace/files';
import { oneOf, parseCommandArgs } from '../args';
import type { CommandIO } from '../io';

export const LAYERS_USAGE = `Usage: drydock layers <Dockerfile> [--format text|json]

Prints the stages and steps of a Dockerfile and which steps make a filesystem layer.`;

export async function runLayers(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(LAYERS_USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('drydock layers takes exactly one Dockerfile');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const file = path.resolve(positionals[0]);
  let read;
  try {
    read = readForAnalysis(file);
  } catch (e) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (read.text === null) throw new UsageError(`${positionals[0]}: ${read.findings.map((f) => f.message).join(' ')}`);
  const plan = planLayers(parseDockerfile(read.text));
  if (format === 'json') {
    io.stdout(JSON.stringify(plan, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  for (const stage of plan.stages) {
    lines.push(`stage ${stage.index}${stage.name ? ` "${stage.name}"` : ''} FROM ${stage.base ?? '?'}`);
    for (const step of stage.steps) {
      const args = step.arguments.replace(/\s+/g, ' ');
      lines.push(`  ${String(step.line + 1).padStart(4)}  ${step.kind === 'layer' ? 'layer ' : 'config'}  ${step.instruction} ${args.length > 70 ? args.slice(0, 69) + '…' : args}`);
    }
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
