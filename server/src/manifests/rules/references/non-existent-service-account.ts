import { missing } from './shared';

export const missingServiceAccount = missing('non-existent-service-account', 'ServiceAccount', 'Referenced ServiceAccount does not exist', 'kube-linter');
