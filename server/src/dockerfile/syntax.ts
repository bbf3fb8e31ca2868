import { JSONInstruction } from './ast';
import type { Finding } from '../common/types';
import { KNOWN_INSTRUCTIONS, type DockerfileModel, type Step } from './model';
import { instructionData } from './parse';

const EXEC_FORM = new Set(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'ADD', 'COPY', 'HEALTHCHECK', 'ONBUILD']);

/** A step's own syntax findings: an unknown instruction, or a JSON form that is not valid JSON. */
function stepFindings(step: Step): Finding[] {
  const out: Finding[] = [];
  if (!KNOWN_INSTRUCTIONS.has(step.instruction)) {
    out.push({
      rule: 'unknown-instruction',
      severity: 'error',
      message: `Unknown instruction: ${step.node.getKeyword()}`,
      range: step.keywordRange,
    });
    return out;
  }
  if (EXEC_FORM.has(step.instruction) && step.node instanceof JSONInstruction) {
    const open = step.node.getOpeningBracket();
    const close = step.node.getClosingBracket();
    if (open && !close) {
      out.push({
        rule: 'invalid-json-form',
        severity: 'warning',
        message: `${step.instruction} arguments start with "[" but are not a valid JSON array, so they run in shell form. Use double quotes and close the bracket for exec form.`,
        range: step.node.getArgumentsRange() ?? step.range,
      });
    }
  }
  return out;
}

const NONE: Finding[] = [];

/** Checks that make a Dockerfile unbuildable or silently different from what it looks like. */
export function syntaxFindings(model: DockerfileModel): Finding[] {
  const findings: Finding[] = [];
  const check = (step: Step) => {
    // They depend on the instruction's text only, and their ranges are the instruction's own: kept with it.
    const data = instructionData(step.node);
    let own = data?.syntax as Finding[] | undefined;
    if (!own) {
      own = stepFindings(step);
      if (own.length === 0) own = NONE;
      if (data) data.syntax = own;
    }
    for (const f of own) findings.push(f);
  };
  // In file order: the preamble, then each stage's FROM and steps.
  for (const step of model.preamble) check(step);
  for (const stage of model.stages) {
    check(stage.from);
    for (const step of stage.steps) check(step);
  }
  for (const step of model.preamble) {
    if (step.instruction !== 'ARG' && KNOWN_INSTRUCTIONS.has(step.instruction)) {
      findings.push({
        rule: 'no-from-first',
        severity: 'error',
        message: `${step.instruction} comes before the first FROM; only ARG may precede FROM.`,
        range: step.keywordRange,
      });
    }
  }
  if (model.stages.length === 0) {
    findings.push({
      rule: 'missing-from',
      severity: 'error',
      message: 'The Dockerfile has no FROM instruction, so it cannot be built.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  return findings;
}
