/** Helpers shared by the policy rules. */


/** apiVersions the API server no longer serves (or will stop serving), with their replacement and the release. */
export const DEPRECATED: Array<{ apiVersion: string; kinds: string[] | null; replacement: string; removedIn: string }> = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], replacement: 'networking.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], replacement: 'networking.k8s.io/v1', removedIn: '1.16' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], replacement: '(removed; use Pod Security Admission)', removedIn: '1.25' },
  { apiVersion: 'apps/v1beta1', kinds: null, replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'apps/v1beta2', kinds: null, replacement: 'apps/v1', removedIn: '1.16' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], replacement: 'networking.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], replacement: 'policy/v1', removedIn: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], replacement: '(removed; use Pod Security Admission)', removedIn: '1.25' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.25' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.26' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: null, replacement: 'rbac.authorization.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: null, replacement: 'apiextensions.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: null, replacement: 'admissionregistration.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], replacement: 'storage.k8s.io/v1', removedIn: '1.22' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], replacement: 'discovery.k8s.io/v1', removedIn: '1.25' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.32' },
];
