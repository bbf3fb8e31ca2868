import type { Range } from '../common/types';

/** `drydock/layerPlan`: the layer plan of one Dockerfile. */
export const LayerPlanRequest = 'drydock/layerPlan';

export interface LayerPlanParams {
  uri: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** Context-relative paths whose change should be traced to the steps it rebuilds. */
  changed?: string[];
}

export type StepKind = 'layer' | 'config';

export interface PlanStep {
  instruction: string;
  arguments: string;
  /** 0-based line of the instruction. */
  line: number;
  range: Range;
  kind: StepKind;
  /** Content bytes of a COPY/ADD layer from the build context; null when unknown. */
  sizeBytes: number | null;
  /** Uncompressed layer tar size; null when unknown. */
  tarBytes: number | null;
  estimated: boolean;
  /** Cache inputs: context files, ARG/ENV values, the previous step. */
  inputs: string[];
  /** True when a `changed` path or build-arg rebuilds this step. */
  rebuilds?: boolean;
}

export interface PlanStage {
  name: string | null;
  index: number;
  base: string | null;
  skipped: boolean;
  range: Range;
  steps: PlanStep[];
}

export interface LayerPlan {
  uri?: string;
  target: string | null;
  stages: PlanStage[];
  image: { layers: Array<{ stage: number; step: number }>; knownBytes: number };
}
