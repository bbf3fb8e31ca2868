/**
 * The library face (dist/api.js): the same pure analyses the language server and the CLI use.
 * Each area's index decides what it exports.
 */
export * from './common/types';
export type { RuleMeta, Rule, RuleOrigin } from './common/rule';
export { LineIndex } from './common/text';
export * from './dockerfile/index';
export * from './manifests/index';
export { analyseText } from './workspace/analyse';
export type { AnalyseOptions } from './workspace/analyse';
export { classifyPath } from './workspace/classify';
export type { FileKind } from './workspace/classify';
export { decodeFile } from './workspace/guard';
export { analyseFiles } from './workspace/analyse';
export { parseHadolintConfig, configOverrides, ruleOptions } from './workspace/hadolintConfig';
export type { HadolintConfig, FailureThreshold } from './workspace/hadolintConfig';
export type { SourceFile } from './workspace/analyse';
export * from './cluster/index';
export * from './k8s/index';
