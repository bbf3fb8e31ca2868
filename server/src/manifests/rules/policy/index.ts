/** The policy rules, one module each. */
export { deprecatedApi } from './removed-api-version';
export { pdbBlocksEviction } from './pdb-max-unavailable';
export { defaultNamespace } from './use-namespace';
export { exposedService } from './exposed-services';
