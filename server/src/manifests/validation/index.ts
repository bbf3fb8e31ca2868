import type { Finding } from '../../common/types';
import type { Resource } from '../parse';

/**
 * Validation of one resource on its own: the Kubernetes OpenAPI schema (offline) and the rules
 * the API server enforces that a schema cannot express. (The validators live in this folder.)
 */
export function validateResource(_resource: Resource): Finding[] {
  return [];
}
