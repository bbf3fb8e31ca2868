import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCluster, parseClusterProfile, readScenario, runScenario, WORKLOAD_KINDS, workloadSummary, type Expectation, type SimulatedCluster } from '../../cluster/index';
import { parseManifests } from '../../manifests/index';
import { findFiles, UsageError } from '../../workspace/files';
import { oneOf, parseCommandArgs } from '../args';
import type { CommandIO } from '../io';

export const SIMULATE_USAGE = `Usage: drydock simulate [paths…] [--then paths…]… [--until-stable | --seconds N] [--scenario FILE] [--profile FILE] [--format text|json]

Applies the manifests under the paths to a simulated cluster (one tainted control-plane node and three
workers with 4 CPU / 8 GiB unless --profile or .drydock/cluster.yaml says otherwise) and runs its
controllers, scheduler and kubelets on a virtual clock until stable. --then applies the next set and runs
again. --scenario runs a YAML list of steps (apply, wait, scale, setImage, rolloutUndo, rolloutRestart, pause,
resume, deletePod, failNode, recoverNode, cordon, uncordon, drain, addNode, removeNode, load, request, expect);
exit status 1 when an expectation fails.`;

function loadObjects(paths: string[], cwd: string): Array<Record<string, unknown>> {
  const files = findFiles(paths.map((p) => path.resolve(cwd, p))).filter((f) => f.kind === 'yaml');
  return files.flatMap((f) => parseManifests(fs.readFileSync(f.path, 'utf8')).resources.map((r) => r.object));
}

function bytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)}Gi` : `${Math.round(n / 1024 ** 2)}Mi`;
}

function podLine(p: any): string {
  const waiting = p.status?.containerStatuses?.[0]?.state?.waiting;
  const terminated = p.status?.containerStatuses?.[0]?.state?.terminated;
  const unsched = p.status?.conditions?.find((c: any) => c.type === 'PodScheduled' && c.status === 'False');
  const state = p.metadata?.deletionTimestamp ? `Terminating (since ${p.metadata.deletionTimestamp})` : unsched ? `Pending: ${unsched.message}` : waiting ? `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}` : terminated && p.status?.phase === 'Failed' ? `Failed (exit code ${terminated.exitCode})` : p.status?.phase;
  const restarts = p.status?.containerStatuses?.[0]?.restartCount ?? 0;
  return `pod ${p.metadata.name} on ${p.spec?.nodeName ?? '-'}: ${state}${restarts ? `, ${restarts} restarts` : ''}`;
}

export function formatClusterText(cluster: SimulatedCluster): string {
  const s = cluster.snapshot();
  const lines = [`cluster at ${s.time}s`];
  for (const n of s.nodes) {
    lines.push(`node ${n.name}${n.ready ? '' : ' (NotReady)'}${n.unschedulable ? ' (SchedulingDisabled)' : ''}: cpu ${n.cpu.requested}m/${n.cpu.allocatable}m, memory ${bytes(n.memory.requested)}/${bytes(n.memory.allocatable)}, pods ${n.pods.count}/${n.pods.allocatable}`);
  }
  const objs = s.objects;
  for (const ns of objs.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)) {
    const inNs = objs.filter((o) => o.metadata.namespace === ns);
    if (!inNs.some((o) => ['Deployment', 'Service', 'Pod', ...WORKLOAD_KINDS].includes(o.kind))) continue;
    lines.push(`namespace ${ns}`);
    for (const d of inNs.filter((o) => o.kind === 'Deployment')) {
      lines.push(`  deployment ${d.metadata.name}: ${d.status?.readyReplicas ?? 0}/${d.spec.replicas} ready, ${d.status?.updatedReplicas ?? 0} up to date, ${d.status?.availableReplicas ?? 0} available`);
      for (const rs of inNs.filter((o) => o.kind === 'ReplicaSet' && o.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))) {
        lines.push(`    replicaset ${rs.metadata.name} (revision ${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}): ${rs.status?.readyReplicas ?? 0}/${rs.spec.replicas} ready`);
        for (const p of inNs.filter((o) => o.kind === 'Pod' && o.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid))) lines.push(`      ${podLine(p)}`);
      }
    }
    for (const w of WORKLOAD_KINDS.flatMap((kind) => inNs.filter((o) => o.kind === kind))) {
      lines.push(`  ${w.kind === 'HorizontalPodAutoscaler' ? 'hpa' : w.kind.toLowerCase()} ${w.metadata.name}: ${workloadSummary(w)}`);
      for (const p of inNs.filter((o) => o.kind === 'Pod' && o.metadata.ownerReferences?.some((r) => r.uid === w.metadata.uid))) lines.push(`    ${podLine(p)}`);
    }
    for (const p of inNs.filter((o) => o.kind === 'Pod' && !o.metadata.ownerReferences?.length)) lines.push(`  ${podLine(p)}`);
    for (const svc of inNs.filter((o) => o.kind === 'Service')) {
      const ep = inNs.find((o) => o.kind === 'Endpoints' && o.metadata.name === svc.metadata.name) as any;
      const addrs = (ep?.subsets ?? []).flatMap((x: any) => x.addresses ?? []).length;
      lines.push(`  service ${svc.metadata.name} ${svc.spec.type} ${svc.spec.clusterIP} ports ${(svc.spec.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',')}: ${addrs} endpoint(s)`);
    }
  }
  lines.push('events:');
  for (const e of s.events) {
    lines.push(`  ${String(e.time).padStart(4)}s ${e.type.padEnd(7)} ${e.reason.padEnd(18)} ${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** Secret values never leave the simulator: the JSON shows keys only. */
function redact<T>(objects: T[]): T[] {
  return objects.map((o: any) => (o.kind === 'Secret' ? { ...o, data: Object.fromEntries(Object.keys({ ...(o.data ?? {}), ...(o.stringData ?? {}) }).map((k) => [k, '<redacted>'])), stringData: undefined } : o));
}

export async function runSimulate(argv: string[], io: CommandIO): Promise<number> {
  // Split the command line at each --then.
  const groups: string[][] = [[]];
  for (const a of argv) {
    if (a === '--then') groups.push([]);
    else groups[groups.length - 1].push(a);
  }
  const options = {
    format: { type: 'string' },
    'until-stable': { type: 'boolean' },
    seconds: { type: 'string' },
    scenario: { type: 'string' },
    profile: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  // Options may stand anywhere; each --then starts a new set of paths.
  const parsed = groups.map((g) => parseCommandArgs(g, options));
  const values = Object.assign({}, ...parsed.map((p) => p.values)) as (typeof parsed)[number]['values'];
  const positionals = parsed[0].positionals;
  const thenSets = parsed.slice(1).map((p) => p.positionals);
  if (values.help) {
    io.stdout(SIMULATE_USAGE + '\n');
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const seconds = values.seconds !== undefined ? Number(values.seconds) : undefined;
  if (seconds !== undefined && (!Number.isFinite(seconds) || seconds < 0)) throw new UsageError(`--seconds wants a number, got "${values.seconds}"`);
  const profilePath = values.profile ?? (fs.existsSync(path.join(io.cwd, '.drydock', 'cluster.yaml')) ? path.join(io.cwd, '.drydock', 'cluster.yaml') : undefined);
  let profile;
  try {
    profile = profilePath ? parseClusterProfile(fs.readFileSync(path.resolve(io.cwd, profilePath), 'utf8')) : undefined;
  } catch (e) {
    throw new UsageError((e as NodeJS.ErrnoException).code ? `cannot read ${profilePath}: ${(e as NodeJS.ErrnoException).code}` : (e as Error).message);
  }
  if (profile && values.seed) profile.seed = Number(values.seed);
  const cluster = createCluster(profile);
  const log: string[] = [];
  const run = () => {
    if (seconds !== undefined) cluster.step(seconds);
    else cluster.runUntilStable();
  };
  const apply = (paths: string[]) => {
    for (const r of cluster.apply(loadObjects(paths, io.cwd))) log.push(`[${cluster.time}s] ${r.message}`);
    run();
  };
  let expectations: Expectation[] = [];
  try {
    if (positionals.length || (!values.scenario && groups.length === 1)) apply(positionals.length ? positionals : ['.']);
    for (const g of thenSets) apply(g);
    if (values.scenario) {
      const file = path.resolve(io.cwd, values.scenario);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${values.scenario}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const scenario = readScenario(text);
      const result = runScenario(cluster, scenario.steps, (p) => loadObjects([path.resolve(path.dirname(file), p)], io.cwd), scenario.namespace);
      expectations = result.expectations;
      log.push(...result.log);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
  if (format === 'json') {
    const s = cluster.snapshot();
    io.stdout(JSON.stringify({ time: s.time, nodes: s.nodes, objects: redact(s.objects), events: s.events, expectations, log }, null, 2) + '\n');
  } else {
    io.stdout(log.join('\n') + (log.length ? '\n' : '') + formatClusterText(cluster));
    for (const x of expectations) io.stdout(`${x.ok ? 'ok' : 'FAILED'} - step ${x.step}: ${x.message}\n`);
  }
  return expectations.some((x) => !x.ok) ? 1 : 0;
}
