import { missing } from './shared';

export const missingConfigMap = missing('drydock/missing-configmap', 'ConfigMap', 'Referenced ConfigMap does not exist');
