import type { ClusterView, PodView } from '../../../server/src/protocol';

// The rows of the Cluster tree, built from the server's ClusterView. Plain data (no vscode), so it is unit-tested.

/** What a tree item stands for, for its context-menu commands and Reveal Manifest. */
export interface ClusterTarget {
  kind: string;
  namespace?: string;
  name: string;
  /** The object whose manifest Reveal Manifest opens (a pod's Deployment, for instance). */
  manifest?: { kind: string; namespace?: string; name: string };
  /** For Ingress rules and Services: a host and path to send a request to. */
  host?: string;
  path?: string;
}

/** One row of the Cluster tree. Rows keep their object and id across updates, so VS Code keeps their expansion. */
export interface ClusterNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  color?: string;
  /** `drydock.<what>` then space-separated flags (`manifest`, `ready`, `cordoned`, …) that package.json's menus test. */
  contextValue?: string;
  data?: ClusterTarget;
  /** Absent for a leaf. */
  children?: ClusterNode[];
  /** Initial state of a group the user has not opened or closed yet. */
  expanded?: boolean;
}

const BAD_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'RunContainerError', 'Unschedulable', 'Error', 'OOMKilled']);

function podIcon(p: PodView): { icon: string; color?: string } {
  if (p.phase === 'Succeeded') return { icon: 'check', color: 'testing.iconPassed' };
  if (p.phase === 'Failed') return { icon: 'close', color: 'testing.iconFailed' };
  if (p.reason && BAD_REASONS.has(p.reason)) return p.reason === 'Unschedulable' ? { icon: 'clock', color: 'list.warningForeground' } : { icon: 'error', color: 'testing.iconFailed' };
  if (p.ready) return { icon: 'pass-filled', color: 'testing.iconPassed' };
  if (p.phase === 'Pending' && !p.node) return { icon: 'clock' };
  return { icon: 'loading~spin' };
}

/** The pod's state in a word: its waiting reason when it has one, else its phase. */
export function podState(p: PodView): string {
  return p.reason ?? p.phase;
}

function podTooltip(p: PodView): string {
  const lines = [`Pod ${p.namespace}/${p.name}`, `Phase: ${p.phase}${p.ready ? ' (ready)' : ' (not ready)'}${p.containers ? `, ${p.containers.ready}/${p.containers.total} containers ready` : ''}`, `Node: ${p.node ?? 'not scheduled'}`];
  if (p.reason === 'Unschedulable') lines.push(`FailedScheduling: ${p.message ?? 'no node fits'}`);
  else if (p.reason) lines.push(`${p.reason}${p.message ? `: ${p.message}` : ''}`);
  if (p.restarts) lines.push(`Restarts: ${p.restarts}`);
  return lines.join('\n');
}

function podNode(idPrefix: string, p: PodView, owner?: ClusterTarget['manifest']): ClusterNode {
  const { icon, color } = podIcon(p);
  const manifest = owner ?? { kind: 'Pod', namespace: p.namespace, name: p.name };
  return {
    id: `${idPrefix}pod/${p.namespace}/${p.name}`,
    label: p.name,
    description: [podState(p), p.containers ? `${p.containers.ready}/${p.containers.total}` : p.ready ? 'ready' : 'not ready', p.restarts ? `${p.restarts} restart${p.restarts === 1 ? '' : 's'}` : '', p.node ?? ''].filter(Boolean).join(' · '),
    tooltip: podTooltip(p),
    icon,
    color,
    contextValue: `drydock.pod manifest${p.node ? '' : ' pending'}`,
    data: { kind: 'Pod', namespace: p.namespace, name: p.name, manifest },
  };
}

const WORKLOAD_ICONS: Record<string, string> = { StatefulSet: 'database', DaemonSet: 'symbol-array', Job: 'tasklist', HorizontalPodAutoscaler: 'arrow-both' };

const UNITS: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** The used share of "1200m/4000m", "512Mi/4.0Gi" or "5/110", as " (30%)"; empty when it cannot be read. */
export function percent(used: string): string {
  const m = /^([\d.]+)([a-zA-Z]*)\/([\d.]+)([a-zA-Z]*)$/.exec(used);
  if (!m || UNITS[m[2]] === undefined || UNITS[m[4]] === undefined) return '';
  const total = Number(m[3]) * UNITS[m[4]];
  return total > 0 ? ` (${Math.round((Number(m[1]) * UNITS[m[2]] * 100) / total)}%)` : '';
}

/** The tree for a view: plain rows, rebuilt on every update and then matched to the rows shown by id. */
export function buildClusterTree(v: ClusterView | null): ClusterNode[] {
  if (!v) {
    return [{ id: 'empty', label: 'No simulated cluster yet', description: 'run Simulate Apply', icon: 'info', tooltip: 'Drydock: Simulate Apply sends the workspace manifests to an in-memory cluster.' }];
  }
  const allPods = new Map<string, PodView>();
  for (const ns of v.namespaces) {
    for (const d of ns.deployments) for (const rs of d.replicaSets) for (const p of rs.pods) allPods.set(`${p.namespace}/${p.name}`, p);
    for (const w of ns.workloads ?? []) for (const p of w.pods) allPods.set(`${p.namespace}/${p.name}`, p);
    for (const p of ns.pods) allPods.set(`${p.namespace}/${p.name}`, p);
  }
  const nodes: ClusterNode = {
    id: 'nodes', label: 'Nodes', icon: 'server', expanded: true,
    description: `${v.nodes.length} · ${v.summary.ready}/${v.summary.pods} pods ready${v.summary.pending ? ` · ${v.summary.pending} pending` : ''} · ${v.time}s`,
    children: v.nodes.map((n): ClusterNode => {
      const flags = [n.ready ? 'ready' : 'notready', n.unschedulable ? 'cordoned' : 'schedulable'];
      return {
        id: `node/${n.name}`, label: n.name,
        icon: !n.ready ? 'vm-outline' : n.unschedulable ? 'debug-pause' : 'vm-active',
        color: n.ready ? undefined : 'testing.iconFailed',
        description: `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''} · cpu ${n.cpu}${percent(n.cpu)} · mem ${n.memory}${percent(n.memory)} · pods ${n.pods}`,
        tooltip: `Node ${n.name}\n${n.ready ? 'Ready' : 'NotReady: the kubelet stopped reporting'}${n.unschedulable ? '\nCordoned: new pods are not scheduled here' : ''}\nCPU requested/allocatable: ${n.cpu}\nMemory requested/allocatable: ${n.memory}\nPods: ${n.pods}`,
        contextValue: `drydock.node ${flags.join(' ')}`,
        data: { kind: 'Node', name: n.name },
        children: n.podNames.map((key): ClusterNode => {
          const p = allPods.get(key);
          if (p) return podNode(`node/${n.name}/`, p);
          return { id: `node/${n.name}/pod/${key}`, label: key, icon: 'symbol-constant' };
        }),
      };
    }),
  };
  const namespaces = v.namespaces.map((ns): ClusterNode => {
    const m = (kind: string, name: string) => ({ kind, namespace: ns.name, name });
    return {
      id: `ns/${ns.name}`, label: ns.name, icon: 'symbol-namespace', description: 'namespace', expanded: true,
      contextValue: 'drydock.namespace manifest', data: { kind: 'Namespace', name: ns.name, manifest: { kind: 'Namespace', name: ns.name } },
      children: [
        ...ns.deployments.map((d): ClusterNode => {
          const owner = m('Deployment', d.name);
          const current = Math.max(0, ...d.replicaSets.map((rs) => Number(rs.revision) || 0));
          return {
            id: `deploy/${ns.name}/${d.name}`, label: d.name, icon: 'rocket',
            color: d.ready < d.desired ? 'list.warningForeground' : undefined,
            description: `Deployment · ${d.ready}/${d.desired} ready · ${d.updated} up to date · ${d.available} available${d.paused ? ' · rollout paused' : ''}`,
            tooltip: `Deployment ${ns.name}/${d.name}\n${d.ready}/${d.desired} ready, ${d.updated} up to date, ${d.available} available\nRevisions: ${d.replicaSets.map((rs) => rs.revision).filter(Boolean).sort((a, b) => Number(a) - Number(b)).join(', ')}`,
            contextValue: `drydock.deployment manifest ${d.paused ? 'paused' : 'active'}`, data: { ...owner, manifest: owner },
            children: d.replicaSets.map((rs): ClusterNode => ({
              id: `rs/${ns.name}/${rs.name}`, label: rs.name, icon: 'layers', expanded: Number(rs.revision) === current,
              description: `ReplicaSet · revision ${rs.revision}${Number(rs.revision) === current ? ' (current)' : ''} · ${rs.ready}/${rs.desired}`,
              contextValue: 'drydock.replicaset manifest', data: { kind: 'ReplicaSet', namespace: ns.name, name: rs.name, manifest: owner },
              children: rs.pods.map((p) => podNode('', p, owner)),
            })),
          };
        }),
        ...(ns.workloads ?? []).map((w): ClusterNode => {
          const owner = m(w.kind, w.name);
          return {
            id: `${w.kind}/${ns.name}/${w.name}`, label: w.name, icon: WORKLOAD_ICONS[w.kind] ?? 'symbol-class',
            description: `${w.kind} · ${w.status}`, tooltip: `${w.kind} ${ns.name}/${w.name}\n${w.status}`,
            contextValue: `drydock.${w.kind.toLowerCase()} manifest`, data: { ...owner, manifest: owner },
            children: w.kind === 'HorizontalPodAutoscaler' ? undefined : w.pods.map((p) => podNode('', p, owner)),
          };
        }),
        ...ns.services.map((s): ClusterNode => {
          const owner = m('Service', s.name);
          const routes = v.namespaces.find((x) => x.name === ns.name)?.ingresses.flatMap((i) => i.rules).find((r) => r.backend.startsWith(`${s.name}:`));
          return {
            id: `svc/${ns.name}/${s.name}`, label: s.name, icon: 'plug',
            color: s.endpoints.length ? undefined : 'list.warningForeground',
            description: `Service ${s.type} · ${s.clusterIP || 'None'} · ${s.ports} · ${s.endpoints.length} endpoint${s.endpoints.length === 1 ? '' : 's'}`,
            tooltip: `Service ${ns.name}/${s.name} (${s.type})\nClusterIP ${s.clusterIP || 'None'}, ports ${s.ports}\n${s.endpoints.length ? `Endpoints: ${s.endpoints.join(', ')}` : 'No ready endpoints: no ready pod matches the selector'}`,
            contextValue: 'drydock.service manifest',
            data: { ...owner, manifest: owner, host: routes && routes.host !== '*' ? routes.host : undefined, path: routes ? routes.path.replace(/ \([^)]*\)$/, '') : undefined },
            children: s.endpoints.length
              ? s.endpoints.map((e): ClusterNode => ({ id: `svc/${ns.name}/${s.name}/ep/${e}`, label: e, icon: 'debug-disconnect', description: 'endpoint' }))
              : [{ id: `svc/${ns.name}/${s.name}/ep-none`, label: 'no endpoints', icon: 'warning', color: 'list.warningForeground' }],
          };
        }),
        ...ns.ingresses.map((i): ClusterNode => {
          const owner = m('Ingress', i.name);
          const first = i.rules[0];
          return {
            id: `ing/${ns.name}/${i.name}`, label: i.name, icon: 'globe', description: `Ingress · ${i.rules.length} rule${i.rules.length === 1 ? '' : 's'}`,
            contextValue: 'drydock.ingress manifest',
            data: { ...owner, manifest: owner, host: first && first.host !== '*' ? first.host : undefined, path: first ? first.path.replace(/ \([^)]*\)$/, '') : undefined },
            expanded: true,
            children: i.rules.map((r, k): ClusterNode => {
              const rulePath = r.path.replace(/ \([^)]*\)$/, '');
              return {
                id: `ing/${ns.name}/${i.name}/rule/${k}`, label: `${r.host}${r.path}`, icon: 'arrow-right', expanded: true,
                contextValue: 'drydock.ingressrule manifest', data: { ...owner, manifest: owner, host: r.host === '*' ? undefined : r.host, path: rulePath },
                children: [{ id: `ing/${ns.name}/${i.name}/rule/${k}/backend`, label: r.backend, description: 'backend Service', icon: 'plug', contextValue: 'drydock.backend manifest', data: { kind: 'Service', namespace: ns.name, name: r.backend.split(':')[0], manifest: m('Service', r.backend.split(':')[0]) } }],
              };
            }),
          };
        }),
        ...ns.pods.map((p) => podNode('', p)),
      ],
    };
  });
  const seenEvents = new Map<string, number>();
  const events: ClusterNode = {
    id: 'events', label: 'Events', icon: 'history', description: `${v.events.length}`,
    children: [...v.events].reverse().slice(0, 50).map((e): ClusterNode => {
      // Kubernetes folds repeats of an event by object, reason and message: that is also its identity here.
      const key = `event/${e.type}/${e.object}/${e.reason}/${e.message}`;
      const n = (seenEvents.get(key) ?? 0) + 1;
      seenEvents.set(key, n);
      return {
        id: n === 1 ? key : `${key}#${n}`, label: `${e.reason} ${e.object}`, description: `${e.time}s${e.count > 1 ? ` ×${e.count}` : ''} · ${e.message}`,
        tooltip: `${e.type} ${e.reason} on ${e.object} at ${e.time}s${e.count > 1 ? ` (${e.count} times)` : ''}\n${e.message}`, icon: e.type === 'Warning' ? 'warning' : 'info',
        color: e.type === 'Warning' ? 'list.warningForeground' : undefined,
      };
    }),
  };
  return [nodes, ...namespaces, events];
}

const signature = (n: ClusterNode) => JSON.stringify([n.label, n.description, n.tooltip, n.icon, n.color, n.contextValue, n.data, n.expanded, n.children?.map((c) => c.id)]);

/**
 * Matches freshly built rows to the rows shown, by id. A row whose id was shown before keeps its object
 * (VS Code knows rows by object and id: it keeps their expansion); when what it shows changed, the object
 * takes the new content and is listed in `changed`, the rows to refresh. Ids are made unique (#2, #3 …).
 */
export function matchRows(shown: Map<string, ClusterNode>, shownRoots: ClusterNode[], fresh: ClusterNode[]): { roots: ClusterNode[]; byId: Map<string, ClusterNode>; changed: ClusterNode[]; rootChanged: boolean } {
  const changed: ClusterNode[] = [];
  const byId = new Map<string, ClusterNode>();
  const adopt = (row: ClusterNode): ClusterNode => {
    let id = row.id;
    for (let k = 2; byId.has(id); k++) id = `${row.id}#${k}`;
    byId.set(id, row);
    const next: ClusterNode = { ...row, id, children: row.children?.map(adopt) };
    const old = shown.get(id);
    if (!old) {
      byId.set(id, next);
      return next;
    }
    if (signature(old) !== signature(next)) {
      for (const k of Object.keys(old) as Array<keyof ClusterNode>) delete old[k];
      Object.assign(old, next);
      changed.push(old);
    } else {
      // The same row: its children are the matched objects (same ids, so the signature did not change).
      old.children = next.children;
    }
    byId.set(id, old);
    return old;
  };
  const roots = fresh.map(adopt);
  const rootChanged = roots.map((r) => r.id).join('\n') !== shownRoots.map((r) => r.id).join('\n');
  return { roots, byId, changed, rootChanged };
}
