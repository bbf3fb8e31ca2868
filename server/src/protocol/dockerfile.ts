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
  /** Number of context files a COPY/ADD takes (after .dockerignore). */
  files?: number;
}

export interface PlanStage {
  name: string | null;
  index: number;
  base: string | null;
  skipped: boolean;
  range: Range;
  /** Indexes of the stages this one needs (its base stage, COPY --from, RUN --mount=from). */
  dependsOn?: number[];
  steps: PlanStep[];
}

export interface LayerPlan {
  uri?: string;
  target: string | null;
  stages: PlanStage[];
  image: {
    layers: Array<{ stage: number; step: number }>;
    /** Sum of the known layer tar sizes of the final image (the base image's own layers not included). */
    knownBytes: number;
    /** Layers whose size is unknown (RUN, COPY --from an image). */
    unknownLayers?: number;
    /** The external image the final image starts from. */
    base?: string | null;
  };
  /** Other Dockerfiles in the workspace whose final images share this one's leading layers. */
  sharedWith?: Array<{ path: string; steps: number; layers: number; bytes: number }>;
  /** The build context that was read, when one was. */
  context?: { root: string; files: number; ignored: number; dockerignore: string | null; truncated: boolean };
}
