import type { LanguageFeatures } from './context';

/** The simulated cluster's custom requests (protocol/cluster.ts) register here. */
export const clusterFeatures: LanguageFeatures = {};
