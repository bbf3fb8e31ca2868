import type { BuildContextFile } from '../context';
import { parseDockerignore } from '../ignore';
import { matchSource } from '../plan';
import type { Step } from '../model';
import type { DockerfileFacts } from './facts';

/** The COPY/ADD steps that read the build context, with their source arguments. */
export function contextCopies(f: DockerfileFacts): Array<{ step: Step; sources: Array<{ value: string; range: ReturnType<DockerfileFacts['range']> }> }> {
  const out = [];
  for (const { step } of f.stepsOf('COPY', 'ADD')) {
    if (f.flags(step).some((fl) => fl.name === 'from')) continue;
    const args = f.operands(step);
    if (args.length < 2) continue;
    const sources = args.slice(0, -1)
      .filter((a) => !/^(https?|git):\/\//.test(a.getValue()) && !a.getValue().startsWith('<<') && !a.getValue().includes('$'))
      .map((a) => ({ value: a.getValue(), range: a.getRange() }));
    out.push({ step, sources });
  }
  return out.sort((a, b) => a.step.range.start.line - b.step.range.start.line);
}

/** The context split into what the ignore file keeps and drops. */
export function contextView(f: DockerfileFacts): { all: BuildContextFile[]; kept: BuildContextFile[]; ignoreFile: string | null } | null {
  const ctx = f.ctx.context;
  if (!ctx) return null;
  const m = parseDockerignore(ctx.dockerignore?.text);
  return { all: ctx.files, kept: ctx.files.filter((x) => !m.ignores(x.path)), ignoreFile: ctx.dockerignore?.path ?? null };
}

export { matchSource };
