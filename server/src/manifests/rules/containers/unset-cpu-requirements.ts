import { requirement } from './shared';

export const unsetCpuRequests = requirement('unset-cpu-requirements', 'cpu', 'requests', 'Container has no CPU request');
