import { hostFlag } from './shared';

export const hostIpc = hostFlag('host-ipc', 'hostIPC', 'IPC namespace');
