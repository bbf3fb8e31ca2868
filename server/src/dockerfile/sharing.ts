import type { LayerPlan, PlanStep } from '../protocol/dockerfile';

/** One step of an image chain as the cache sees it: the base, then each step's instruction, arguments and inputs. */
function chainKeys(plan: LayerPlan): { base: string | null; steps: Array<{ key: string; step: PlanStep }> } {
  const steps = plan.image.layers.length === 0 && plan.stages.length === 0 ? [] : chainSteps(plan);
  return { base: plan.image.base ?? null, steps: steps.map((step) => ({ key: `${step.instruction} ${step.arguments}\u0000${step.inputs.join('\u0001')}\u0000${step.sizeBytes ?? ''}`, step })) };
}

function chainSteps(plan: LayerPlan): PlanStep[] {
  const stagesInChain = [...new Set(plan.image.layers.map((l) => l.stage))];
  if (stagesInChain.length === 0) {
    const last = plan.stages[plan.stages.length - 1];
    return last ? last.steps : [];
  }
  return stagesInChain.flatMap((si) => plan.stages[si].steps);
}

export interface SharedLayers {
  /** Steps (layers and config steps) the two chains have in common, from the base on. */
  steps: number;
  /** Of those, the filesystem layers: built once, stored once, pulled once. */
  layers: number;
  /** Known bytes of the shared layers. */
  bytes: number;
}

/**
 * What two Dockerfiles' final images share: with the same base image, the identical leading steps
 * (same instruction, arguments, cache inputs and content) give the same layers, so a builder reuses
 * them and a registry stores them once.
 */
export function sharedLayers(a: LayerPlan, b: LayerPlan): SharedLayers {
  const x = chainKeys(a);
  const y = chainKeys(b);
  const none = { steps: 0, layers: 0, bytes: 0 };
  if (!x.base || x.base !== y.base) return none;
  let steps = 0;
  let layers = 0;
  let bytes = 0;
  while (steps < x.steps.length && steps < y.steps.length && x.steps[steps].key === y.steps[steps].key) {
    const s = x.steps[steps].step;
    if (s.kind === 'layer') {
      layers++;
      bytes += s.tarBytes ?? 0;
    }
    steps++;
  }
  return { steps, layers, bytes };
}
