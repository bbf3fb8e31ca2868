import { hostFlag } from './shared';

export const hostNetwork = hostFlag('host-network', 'hostNetwork', 'network namespace');
