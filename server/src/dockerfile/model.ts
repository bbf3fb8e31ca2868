import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { Range } from '../common/types';

/** Instructions the Dockerfile reference defines (upper case). */
export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Instructions that write a filesystem layer in BuildKit (WORKDIR only for a path other than `/`). */
export const LAYER_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export interface Step {
  /** Upper-case instruction keyword as BuildKit reads it. */
  instruction: string;
  /** Arguments as written, continuations joined. */
  arguments: string;
  range: Range;
  keywordRange: Range;
  node: Instruction;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares it; null when unnamed. */
  name: string | null;
  /** The image reference or earlier stage name after FROM, as written. */
  base: string | null;
  from: Step;
  steps: Step[];
}

export interface DockerfileModel {
  ast: Dockerfile;
  /** Instructions before the first FROM (ARGs and anything misplaced). */
  preamble: Step[];
  stages: Stage[];
}

function toStep(node: Instruction): Step {
  return {
    instruction: node.getKeyword().toUpperCase(),
    arguments: node.getArgumentsContent() ?? '',
    range: node.getRange(),
    keywordRange: node.getInstructionRange(),
    node,
  };
}

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const preamble: Step[] = [];
  const stages: Stage[] = [];
  for (const node of ast.getInstructions()) {
    const step = toStep(node);
    if (step.instruction === 'FROM') {
      const args = node.getArguments().map((a) => a.getValue());
      const positional = args.filter((a) => !a.startsWith('--'));
      const asIndex = positional.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({
        index: stages.length,
        name: asIndex >= 0 && positional[asIndex + 1] ? positional[asIndex + 1].toLowerCase() : null,
        base: positional[0] ?? null,
        from: step,
        steps: [],
      });
    } else if (stages.length === 0) {
      preamble.push(step);
    } else {
      stages[stages.length - 1].steps.push(step);
    }
  }
  return { ast, preamble, stages };
}
