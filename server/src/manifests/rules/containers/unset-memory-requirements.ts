import { requirement } from './shared';

export const unsetMemoryRequests = requirement('unset-memory-requirements', 'memory', 'requests', 'Container has no memory request');
