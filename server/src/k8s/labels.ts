// Kept for imports of './labels': the label selector implementation lives in selector.ts.
export * from './selector';
