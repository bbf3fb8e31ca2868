import { missing } from './shared';

export const missingPvc = missing('drydock/missing-pvc', 'PersistentVolumeClaim', 'Referenced PersistentVolumeClaim does not exist');
