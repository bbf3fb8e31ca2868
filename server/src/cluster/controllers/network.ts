import { isPodReady, matchLabels, type ClusterCore } from '../core';

/** Service IPs (ClusterIP from 10.96.0.0/12, NodePort from 30000–32767, from the seeded source), and Endpoints/EndpointSlices of ready pods. */
export function reconcileServices(c: ClusterCore): boolean {
  let changed = false;
  const services = c.store.list('Service');
  const usedIps = new Set(services.map((s) => s.spec?.clusterIP).filter(Boolean));
  const usedPorts = new Set(services.flatMap((s) => (s.spec?.ports ?? []).map((p: any) => p.nodePort)).filter(Boolean));
  for (const svc of services) {
    if (!svc.spec.clusterIP && svc.spec.clusterIP !== 'None') {
      let ip: string;
      do {
        const n = 1 + Math.floor(c.random() * ((1 << 20) - 2));
        ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
      } while (usedIps.has(ip));
      usedIps.add(ip);
      svc.spec.clusterIP = ip;
      svc.spec.clusterIPs = [ip];
      if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') {
        for (const p of svc.spec.ports ?? []) {
          if (p.nodePort) continue;
          let np: number;
          do np = 30000 + Math.floor(c.random() * 2768);
          while (usedPorts.has(np));
          usedPorts.add(np);
          p.nodePort = np;
        }
      }
      c.store.update(svc);
      changed = true;
    }
    if (!svc.spec.selector) continue;
    const sel = matchLabels(svc.spec.selector);
    const pods = c.store.list('Pod', svc.metadata.namespace).filter((p) => sel(p.metadata.labels ?? {}) && p.status?.podIP && p.status?.phase === 'Running');
    const ready = pods.filter(isPodReady);
    const notReady = pods.filter((p) => !isPodReady(p));
    const ports = (svc.spec.ports ?? []).map((p: any) => {
      // A named targetPort resolves per pod; the simulator takes the first ready pod's container port.
      let port = p.targetPort;
      if (typeof port === 'string') {
        const cp = ready.concat(notReady).flatMap((pod) => (pod.spec.containers ?? []).flatMap((x: any) => x.ports ?? [])).find((x: any) => x.name === port);
        port = cp?.containerPort ?? null;
      }
      return { name: p.name, port, protocol: p.protocol ?? 'TCP' };
    }).filter((p: any) => p.port !== null);
    const subsets = pods.length ? [{ addresses: ready.map((p) => ({ ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } })), notReadyAddresses: notReady.map((p) => ({ ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } })), ports }] : [];
    const ep = c.store.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
    if (!ep) {
      c.store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { ...(svc.metadata.labels ?? {}) } }, subsets } as never);
      changed = true;
    } else if (JSON.stringify(ep.subsets) !== JSON.stringify(subsets)) {
      (ep as any).subsets = subsets;
      c.store.update(ep);
      changed = true;
    }
    const sliceName = `${svc.metadata.name}-slice`;
    const endpoints = pods.map((p) => ({ addresses: [p.status.podIP], conditions: { ready: isPodReady(p) }, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } }));
    const slice = c.store.get('EndpointSlice', svc.metadata.namespace, sliceName);
    if (!slice) {
      c.store.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: sliceName, namespace: svc.metadata.namespace, labels: { 'kubernetes.io/service-name': svc.metadata.name }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true }] }, addressType: 'IPv4', endpoints, ports } as never);
      changed = true;
    } else if (JSON.stringify((slice as any).endpoints) !== JSON.stringify(endpoints)) {
      (slice as any).endpoints = endpoints;
      (slice as any).ports = ports;
      c.store.update(slice);
      changed = true;
    }
  }
  return changed;
}

/** Endpoints of Services that were deleted go too (the Endpoints controller's cleanup). */
export function cleanupEndpoints(c: ClusterCore): boolean {
  let changed = false;
  for (const ep of c.store.list('Endpoints')) {
    if (!c.store.get('Service', ep.metadata.namespace, ep.metadata.name)) {
      c.store.delete('Endpoints', ep.metadata.namespace, ep.metadata.name);
      changed = true;
    }
  }
  return changed;
}
