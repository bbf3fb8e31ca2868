import { probe } from './shared';

export const noReadinessProbe = probe('no-readiness-probe', 'readinessProbe');
