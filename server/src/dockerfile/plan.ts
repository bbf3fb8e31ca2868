import type { LayerPlan, PlanStage, PlanStep, StepKind } from '../protocol/dockerfile';
import type { DockerfileModel, Step } from './model';

/** Whether a step writes a filesystem layer (BuildKit's model) or only changes the image config. */
export function stepKind(step: Step): StepKind {
  switch (step.instruction) {
    case 'RUN':
    case 'COPY':
    case 'ADD':
      return 'layer';
    case 'WORKDIR':
      return step.arguments.trim() === '/' ? 'config' : 'layer';
    default:
      return 'config';
  }
}

/** The steps of each stage with their kind. Sizes and cache inputs are not computed here yet. */
export function planLayers(model: DockerfileModel): LayerPlan {
  const stages: PlanStage[] = model.stages.map((stage) => ({
    name: stage.name,
    index: stage.index,
    base: stage.base,
    skipped: false,
    range: stage.from.range,
    steps: stage.steps.map((s): PlanStep => ({
      instruction: s.instruction,
      arguments: s.arguments,
      line: s.range.start.line,
      range: s.range,
      kind: stepKind(s),
      sizeBytes: null,
      tarBytes: null,
      estimated: false,
      inputs: [],
    })),
  }));
  const last = stages[stages.length - 1];
  const layers = last ? last.steps.flatMap((s, i) => (s.kind === 'layer' ? [{ stage: last.index, step: i }] : [])) : [];
  return { target: last?.name ?? null, stages, image: { layers, knownBytes: 0 } };
}
