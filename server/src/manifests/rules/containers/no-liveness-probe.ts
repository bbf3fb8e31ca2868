import { probe } from './shared';

export const noLivenessProbe = probe('no-liveness-probe', 'livenessProbe');
