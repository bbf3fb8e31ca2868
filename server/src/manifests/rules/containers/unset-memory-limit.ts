import { drydockDocs } from '../rule';
import { requirement } from './shared';

export const unsetMemoryLimit = requirement('drydock/unset-memory-limit', 'memory', 'limits', 'Container has no memory limit');
unsetMemoryLimit.meta.origin = 'drydock';
unsetMemoryLimit.meta.docs = drydockDocs('unset-memory-limit');
