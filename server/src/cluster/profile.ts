import { parseDocument } from 'yaml';
import { parseQuantity } from '../k8s/index';
import type { ClusterProfile } from './core';
import { defaultClusterProfile } from './cluster';

/** Reads `.drydock/cluster.yaml`; every problem is reported with the field it is in. */
export function parseClusterProfile(text: string): ClusterProfile {
  const doc = parseDocument(text, { logLevel: 'error' });
  if (doc.errors.length) throw new Error(`cluster profile: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = doc.toJS({ maxAliasCount: 100 }) as any;
  if (!raw || typeof raw !== 'object') return defaultClusterProfile();
  const profile: ClusterProfile = { nodes: [], failImages: [], crashImages: [], seed: 1 };
  if (raw.nodes !== undefined && !Array.isArray(raw.nodes)) throw new Error('cluster profile: nodes must be a list');
  (raw.nodes ?? defaultClusterProfile().nodes).forEach((n: any, i: number) => {
    const where = `cluster profile: nodes[${i}]`;
    if (!n || typeof n.name !== 'string' || !n.name) throw new Error(`${where}.name: required`);
    for (const f of ['cpu', 'memory']) {
      if (n[f] === undefined) throw new Error(`${where}.${f}: required`);
      try {
        parseQuantity(String(n[f]));
      } catch {
        throw new Error(`${where}.${f}: "${n[f]}" is not a quantity`);
      }
    }
    if (n.pods !== undefined && (!Number.isInteger(n.pods) || n.pods < 1)) throw new Error(`${where}.pods: must be a positive whole number`);
    if (n.taints !== undefined && !Array.isArray(n.taints)) throw new Error(`${where}.taints: must be a list`);
    for (const [j, t] of (n.taints ?? []).entries()) {
      if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t?.effect)) throw new Error(`${where}.taints[${j}].effect: must be NoSchedule, PreferNoSchedule or NoExecute`);
    }
    profile.nodes.push({ name: n.name, cpu: String(n.cpu), memory: String(n.memory), pods: n.pods, labels: n.labels, taints: n.taints });
  });
  for (const f of ['failImages', 'crashImages'] as const) {
    if (raw[f] !== undefined && !Array.isArray(raw[f])) throw new Error(`cluster profile: ${f} must be a list of image names`);
    profile[f] = (raw[f] ?? []).map(String);
  }
  if (raw.strategy !== undefined && !['LeastAllocated', 'MostAllocated'].includes(raw.strategy)) throw new Error('cluster profile: strategy must be LeastAllocated or MostAllocated');
  profile.strategy = raw.strategy;
  if (raw.seed !== undefined) profile.seed = Number(raw.seed);
  if (raw.pullSeconds !== undefined) profile.pullSeconds = Number(raw.pullSeconds);
  return profile;
}
