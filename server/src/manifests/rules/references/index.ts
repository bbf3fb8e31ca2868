/** The references rules, one module each. */
export { danglingService } from './dangling-service';
export { danglingIngress } from './dangling-ingress';
export { danglingHpa } from './dangling-horizontalpodautoscaler';
export { danglingNetworkPolicy } from './dangling-networkpolicy';
export { danglingPdb } from './dangling-pdb';
export { missingConfigMap } from './missing-configmap';
export { missingSecret } from './missing-secret';
export { missingPvc } from './missing-pvc';
export { missingServiceAccount } from './non-existent-service-account';
export { missingKey } from './missing-key';
export { duplicateResource } from './duplicate-resource';
export { selectorOverlap } from './selector-overlap';
export { serviceTargetPort } from './service-target-port';
