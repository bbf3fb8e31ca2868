/**
 * The contract between the faces: custom LSP requests and notifications and the plain types they
 * carry. The VS Code client imports types from here only (never analysis code at run time).
 * Each area keeps its part in protocol/<area>.ts.
 */
export type { Position, Range, Severity, Finding, Fix, TextEdit, RelatedLocation } from './common/types';
export * from './protocol/dockerfile';
export * from './protocol/manifests';
export * from './protocol/cluster';
