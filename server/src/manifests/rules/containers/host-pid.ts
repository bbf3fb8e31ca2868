import { hostFlag } from './shared';

export const hostPid = hostFlag('host-pid', 'hostPID', 'process namespace');
