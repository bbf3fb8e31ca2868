import { parseQuantity } from '../k8s/index';

/** CPU in millicores, memory in bytes, and a pod count: what scheduling adds up. */
export interface Resources {
  cpu: number;
  memory: number;
  pods: number;
}

const milliCache = new Map<string, number>();

/** A quantity in thousandths (parsed once per distinct text; invalid text counts as 0). */
export function quantityMilli(q: unknown): number {
  if (q === undefined || q === null || q === '') return 0;
  const text = String(q);
  const hit = milliCache.get(text);
  if (hit !== undefined) return hit;
  let value = 0;
  try {
    value = Number(parseQuantity(text).milliValue);
  } catch {
    value = 0;
  }
  if (milliCache.size > 10_000) milliCache.clear();
  milliCache.set(text, value);
  return value;
}

export function quantityValue(q: unknown): number {
  return Math.ceil(quantityMilli(q) / 1000);
}

/** Kubernetes' defaults for a container that requests nothing, used only for scoring. */
export const NONZERO_CPU = 100;
export const NONZERO_MEMORY = 200 * 1024 * 1024;

/** A pod's requests: the larger of the sum over containers and the largest init container (plus overhead). */
export function podRequests(pod: any, nonZero = false): Resources {
  const spec = pod?.spec ?? {};
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers ?? []) {
    const r = c?.resources?.requests ?? {};
    const hasCpu = r.cpu !== undefined;
    const hasMem = r.memory !== undefined;
    cpu += hasCpu ? quantityMilli(r.cpu) : nonZero ? NONZERO_CPU : 0;
    memory += hasMem ? quantityValue(r.memory) : nonZero ? NONZERO_MEMORY : 0;
  }
  for (const c of spec.initContainers ?? []) {
    const r = c?.resources?.requests ?? {};
    cpu = Math.max(cpu, quantityMilli(r.cpu));
    memory = Math.max(memory, quantityValue(r.memory));
  }
  cpu += quantityMilli(spec.overhead?.cpu);
  memory += quantityValue(spec.overhead?.memory);
  return { cpu, memory, pods: 1 };
}

const allocCache = new WeakMap<object, { key: unknown; value: Resources }>();

/** A node's allocatable resources, parsed once per allocatable object. */
export function nodeAllocatable(node: any): Resources {
  const a = node?.status?.allocatable ?? node?.status?.capacity ?? {};
  const hit = node && allocCache.get(node);
  if (hit && hit.key === a) return hit.value;
  const value = { cpu: quantityMilli(a.cpu), memory: quantityValue(a.memory), pods: Number(a.pods ?? 110) };
  if (node) allocCache.set(node, { key: a, value });
  return value;
}
