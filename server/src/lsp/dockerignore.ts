import type { LanguageFeatures } from './context';

/** .dockerignore files: no analyses of their own yet; their patterns feed the Dockerfile layer plan. */
export const dockerignoreFeatures: LanguageFeatures = {};
