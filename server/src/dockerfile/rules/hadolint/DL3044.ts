import { Env } from '../../ast';
import type { Stage, Step } from '../../model';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3044', title: 'Do not refer to a variable in the same ENV that defines it', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3044'),
  examples: { bad: 'FROM alpine:3.20\nENV A=/opt B=$A/bin\n', good: 'FROM alpine:3.20\nENV A=/opt\nENV B=$A/bin\n' },
};

const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;
const refs = (value: string): string[] => (value.includes('$') ? [...value.matchAll(REF)].map((m) => m[1] ?? m[2]) : []);

/** Names the steps of `stage` before `step` set (ENV pairs, ARG names). */
function setBefore(stage: Stage | null, step: Step): Set<string> {
  const before = new Set<string>();
  if (stage) {
    for (const s of stage.steps) {
      if (s === step) break;
      if (s.node instanceof Env) for (const p of s.node.getProperties()) before.add(p.getName());
      if (s.instruction === 'ARG') for (const n of s.arguments.split(/\s+/)) if (n) before.add(n.split('=')[0]);
    }
  }
  return before;
}

/**
 * One ENV instruction expands every value with the variables as they were before it, so a later pair
 * cannot see an earlier pair of the same line. Names set before this ENV (ARG, earlier ENV) are fine.
 */
export const DL3044: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step, stage } of f.stepsOf('ENV')) {
      if (!(step.node instanceof Env)) continue;
      // Only an ENV with a `$` in its text can refer to anything.
      if (!f.hasDollar(f.offset(step.range.start), f.offset(step.range.end))) continue;
      let before: Set<string> | null = null;
      const defined: string[] = [];
      for (const p of step.node.getProperties()) {
        const value = p.getValue() ?? '';
        for (const name of refs(value)) {
          if (defined.includes(name) && !(before ??= setBefore(stage, step)).has(name)) {
            const r = p.getValueRange() ?? p.getRange();
            out.push(report(meta, r, `"${name}" is set earlier in this same ENV and is not visible here yet; split the ENV in two.`));
          }
        }
        defined.push(p.getName());
      }
    }
    return out;
  },
};
