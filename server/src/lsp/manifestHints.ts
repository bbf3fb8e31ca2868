import { isMap, isSeq, isScalar, type Document, type YAMLMap, type Node } from 'yaml';
import { LineIndex } from '../common/text';
import type { Resource } from '../manifests/index';
import type { Position } from '../common/types';

/** A value the API server fills in when the manifest leaves it out, shown where it would be. */
export interface DefaultHint {
  position: Position;
  label: string;
  tooltip: string;
}

const WORKLOADS_WITH_REPLICAS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

function mapAt(node: unknown, key: string): YAMLMap | null {
  if (!isMap(node)) return null;
  const v = node.get(key, true);
  return isMap(v) ? v : null;
}

function keyEnd(map: YAMLMap, key: string): number | null {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) {
      const v = pair.value as Node | null;
      if (v && isScalar(v) && v.range) return v.range[1];
      if (pair.key.range) return pair.key.range[1];
    }
  }
  return null;
}

function hasKey(map: YAMLMap, key: string): boolean {
  return map.has(key);
}

/**
 * Defaults the API server applies that the manifest does not spell out: replicas 1, the
 * RollingUpdate 25%/25% strategy, a Service port's targetPort (= port) and protocol (TCP), and a
 * container's imagePullPolicy (Always for :latest or no tag, else IfNotPresent).
 */
export function defaultHints(text: string, resources: Resource[]): DefaultHint[] {
  const idx = new LineIndex(text);
  const out: DefaultHint[] = [];
  const endOfLine = (offset: number): Position => {
    const p = idx.positionAt(offset);
    return { line: p.line, character: idx.lineText(p.line).length };
  };
  for (const r of resources) {
    const doc = r.doc as Document.Parsed;
    const root = doc.contents;
    if (!isMap(root)) continue;
    const spec = mapAt(root, 'spec');
    const specKeyEnd = keyEnd(root, 'spec');
    if (spec && specKeyEnd !== null && r.apiVersion.startsWith('apps/')) {
      if (WORKLOADS_WITH_REPLICAS.has(r.kind) && !hasKey(spec, 'replicas')) {
        out.push({ position: endOfLine(specKeyEnd), label: 'replicas: 1', tooltip: 'Defaulted by the API server: one replica.' });
      }
      if (r.kind === 'Deployment' && !hasKey(spec, 'strategy')) {
        out.push({ position: endOfLine(specKeyEnd), label: 'strategy: RollingUpdate 25%/25%', tooltip: 'Defaulted by the API server: RollingUpdate with maxSurge 25% (rounded up) and maxUnavailable 25% (rounded down).' });
      }
    }
    if (r.kind === 'Service' && spec) {
      const ports = spec.get('ports', true);
      if (isSeq(ports)) {
        for (const item of ports.items) {
          if (!isMap(item)) continue;
          const portEnd = keyEnd(item, 'port');
          const port = item.get('port');
          if (portEnd === null || port === undefined) continue;
          if (!hasKey(item, 'targetPort')) out.push({ position: endOfLine(portEnd), label: `targetPort: ${String(port)}`, tooltip: 'Defaulted by the API server: targetPort is the same as port.' });
          if (!hasKey(item, 'protocol')) out.push({ position: endOfLine(portEnd), label: 'protocol: TCP', tooltip: 'Defaulted by the API server: TCP.' });
        }
      }
    }
    const podSpec = r.kind === 'Pod' ? spec : mapAt(mapAt(spec, 'template'), 'spec') ?? mapAt(mapAt(mapAt(mapAt(spec, 'jobTemplate'), 'spec'), 'template'), 'spec');
    const containers = podSpec?.get('containers', true);
    if (isSeq(containers)) {
      for (const c of containers.items) {
        if (!isMap(c) || hasKey(c, 'imagePullPolicy')) continue;
        const imageEnd = keyEnd(c, 'image');
        const image = c.get('image');
        if (imageEnd === null || typeof image !== 'string') continue;
        const lastSegment = image.split('/').pop() ?? image;
        const digest = image.includes('@');
        const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
        const policy = !digest && (!tag || tag === 'latest') ? 'Always' : 'IfNotPresent';
        out.push({ position: endOfLine(imageEnd), label: `imagePullPolicy: ${policy}`, tooltip: `Defaulted by the API server from the image reference: ${policy === 'Always' ? 'no tag or :latest pulls every time' : 'a pinned tag or digest pulls when missing'}.` });
      }
    }
  }
  return out;
}
