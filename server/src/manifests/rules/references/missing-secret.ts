import { missing } from './shared';

export const missingSecret = missing('drydock/missing-secret', 'Secret', 'Referenced Secret does not exist');
