import { randomSuffix } from '../clock';
import { ownerRef, type ClusterCore } from '../core';
import type { KObject } from '../types';

/** A pod from a workload's template, owned by it (controller reference), named `name` or `<owner>-<5 random>`. */
export function createPodFromTemplate(
  c: ClusterCore,
  owner: KObject,
  template: any,
  options: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string>; spec?: Record<string, unknown> } = {},
): KObject {
  const tpl = template ?? {};
  let name = options.name ?? '';
  if (!name) {
    do name = `${owner.metadata.name}-${randomSuffix(c.random)}`;
    while (c.store.get('Pod', owner.metadata.namespace, name));
  }
  return c.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}), ...(options.labels ?? {}) },
      annotations: { ...(tpl.metadata?.annotations ?? {}), ...(options.annotations ?? {}) },
      ownerReferences: [ownerRef(owner)],
    },
    spec: { ...structuredClone(tpl.spec ?? {}), ...(options.spec ?? {}) },
    status: { phase: 'Pending' },
  });
}

/** Removes a pod and the kubelet's bookkeeping for it. */
export function deletePod(c: ClusterCore, p: KObject): void {
  c.store.delete('Pod', p.metadata.namespace, p.metadata.name);
  c.podState.delete(p.metadata.uid);
}
