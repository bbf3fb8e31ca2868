import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterView, createCluster, defaultClusterProfile, parseClusterProfile, readScenario, runScenario, type Expectation, type SimulatedCluster } from '../cluster/index';
import { parseManifests } from '../manifests/index';
import {
  ClusterChangedNotification, SimulateApplyRequest, SimulateExplainRequest, SimulateOperationRequest, SimulateResetRequest, SimulateRunRequest, SimulateScenarioRequest, SimulateStepRequest,
  type ClusterView, type SimulateApplyParams, type SimulateOperationParams, type SimulateResult, type SimulateRunParams, type SimulateScenarioParams, type SimulateScenarioResult,
} from '../protocol/cluster';
import { findFiles, isInside } from '../workspace/files';
import type { LanguageFeatures, ServerContext } from './context';
import { uriToPath } from './convert';
import { URI } from 'vscode-uri';

let cluster: SimulatedCluster | null = null;

function profilePath(ctx: ServerContext): string | null {
  const setting = ctx.settings().clusterProfile;
  for (const root of ctx.workspaceFolders()) {
    const p = path.resolve(root, setting);
    // Restricted to the workspace: a profile path may not point outside it.
    if (p === root || !isInside(root, p)) continue;
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/** Whether the profile file chose the scoring strategy (then drydock.scheduler.scoring does not apply). */
let profileHasStrategy = false;

function getCluster(ctx: ServerContext): SimulatedCluster {
  if (cluster) {
    // The scheduler reads the strategy on every pass: a changed setting applies from the next scheduling.
    if (!profileHasStrategy) cluster.core.profile.strategy = ctx.settings().scheduler.scoring;
    return cluster;
  }
  const p = profilePath(ctx);
  let profile = defaultClusterProfile();
  if (p) {
    try {
      profile = parseClusterProfile(fs.readFileSync(p, 'utf8'));
    } catch (e) {
      ctx.log('warn', `${(e as Error).message} (${p}); using the default cluster`);
    }
  }
  profileHasStrategy = !!profile.strategy;
  if (!profileHasStrategy) profile.strategy = ctx.settings().scheduler.scoring;
  cluster = createCluster(profile);
  return cluster;
}

function result(ctx: ServerContext, messages: string[]): SimulateResult {
  const view = clusterView(getCluster(ctx));
  live = liveStatusOf(view);
  void ctx.connection.sendNotification(ClusterChangedNotification, view);
  // Workload lines in the editor show the simulated state ("3/3 ready"): ask the editor to re-read CodeLens.
  ctx.refreshCodeLens();
  return { messages, view };
}

/** One line of simulated state per workload, by `Kind/namespace/name`; empty without a simulation. */
let live = new Map<string, string>();

function liveStatusOf(view: ClusterView): Map<string, string> {
  const out = new Map<string, string>();
  for (const ns of view.namespaces) {
    for (const d of ns.deployments) {
      const pending = d.replicaSets.flatMap((rs) => rs.pods).filter((p) => p.phase === 'Pending').length;
      out.set(`Deployment/${ns.name}/${d.name}`, `${d.ready}/${d.desired} ready${d.updated !== d.desired ? ` · ${d.updated} updated` : ''}${pending ? ` · ${pending} pending` : ''}`);
    }
    for (const w of ns.workloads ?? []) out.set(`${w.kind}/${ns.name}/${w.name}`, w.status);
    for (const s of ns.services) out.set(`Service/${ns.name}/${s.name}`, `${s.clusterIP} · ${s.endpoints.length} endpoint${s.endpoints.length === 1 ? '' : 's'}`);
  }
  return out;
}

/** The simulated state of a workload or Service (kind, namespace, name), or null when nothing was simulated. */
export function liveStatus(kind: string, namespace: string | null, name: string): string | null {
  return live.get(`${kind}/${namespace ?? ''}/${name}`) ?? null;
}

/** Objects to apply: the given documents (open text wins over disk), or every manifest of the workspace. */
function objectsFor(ctx: ServerContext, params: SimulateApplyParams | undefined): Array<Record<string, unknown>> {
  const texts: string[] = [];
  if (params?.uris?.length) {
    for (const uri of params.uris) {
      const open = ctx.documents.get(uri);
      if (open) texts.push(open.getText());
      else {
        const p = uriToPath(uri);
        if (!p) continue;
        const files = fs.existsSync(p) && fs.statSync(p).isDirectory() ? findFiles([p]).filter((f) => f.kind === 'yaml').map((f) => f.path) : [p];
        for (const f of files) texts.push(fs.readFileSync(f, 'utf8'));
      }
    }
  } else {
    for (const root of ctx.workspaceFolders()) {
      for (const f of findFiles([root]).filter((x) => x.kind === 'yaml')) {
        const uri = URI.file(f.path).toString();
        texts.push(ctx.documents.get(uri)?.getText() ?? fs.readFileSync(f.path, 'utf8'));
      }
    }
  }
  return texts.flatMap((t) => parseManifests(t).resources.map((r) => r.object));
}

export const clusterFeatures: LanguageFeatures = {
  register(ctx) {
    const c = ctx.connection;
    c.onRequest(SimulateApplyRequest, (params: SimulateApplyParams | undefined): SimulateResult => {
      const cl = getCluster(ctx);
      const applied = cl.apply(objectsFor(ctx, params));
      const stable = cl.runUntilStable();
      return result(ctx, [...applied.map((a) => a.message), stable ? `stable after ${cl.time}s` : `still changing at ${cl.time}s (crash loops or pending work)`]);
    });
    c.onRequest(SimulateStepRequest, (params: { seconds?: number } | undefined): SimulateResult => {
      const seconds = Math.max(1, Math.min(3600, Math.floor(params?.seconds ?? 1)));
      getCluster(ctx).step(seconds);
      return result(ctx, [`advanced ${seconds}s`]);
    });
    c.onRequest(SimulateRunRequest, (params: SimulateRunParams | undefined): SimulateResult => {
      const cl = getCluster(ctx);
      const stable = cl.runUntilStable(Math.max(1, Math.min(3600, Math.floor(params?.maxSeconds ?? 900))));
      return { ...result(ctx, [stable ? `stable after ${cl.time}s` : `still changing at ${cl.time}s`]), stable };
    });
    c.onRequest(SimulateScenarioRequest, async (p: SimulateScenarioParams, token): Promise<SimulateScenarioResult> => {
      const file = uriToPath(p?.uri ?? '');
      const roots = ctx.workspaceFolders();
      const inside = (f: string) => roots.some((r) => isInside(r, f));
      if (!file || !inside(file)) throw new Error('the scenario must be a file of the workspace');
      const scenario = readScenario(ctx.documents.get(p.uri)?.getText() ?? fs.readFileSync(file, 'utf8'));
      // Apply paths are relative to the scenario file and stay inside the workspace.
      const load = (rel: string) => {
        const target = path.resolve(path.dirname(file), rel);
        if (!inside(target)) throw new Error(`${rel} is outside the workspace`);
        const files = fs.existsSync(target) && fs.statSync(target).isDirectory() ? findFiles([target]).filter((f) => f.kind === 'yaml').map((f) => f.path) : [target];
        return files.flatMap((f) => parseManifests(ctx.documents.get(URI.file(f).toString())?.getText() ?? fs.readFileSync(f, 'utf8')).resources.map((r) => r.object));
      };
      cluster = null;
      const cl = getCluster(ctx);
      const expectations: Expectation[] = [];
      const log: string[] = [];
      // One step at a time, yielding between steps so a cancellation from the client is seen.
      for (let i = 0; i < scenario.steps.length; i++) {
        if (token.isCancellationRequested) {
          log.push(`[${cl.time}s] cancelled before step ${i + 1}`);
          break;
        }
        const r = runScenario(cl, [scenario.steps[i]], load, scenario.namespace);
        expectations.push(...r.expectations.map((x) => ({ ...x, step: i + 1, message: x.message.replace(/^step 1 failed/, `step ${i + 1} failed`) })));
        log.push(...r.log.map((l) => l.replace(/ step 1: /, ` step ${i + 1}: `)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { ...result(ctx, log), expectations };
    });
    c.onRequest(SimulateResetRequest, (): SimulateResult => {
      cluster = null;
      return result(ctx, ['cluster reset']);
    });
    c.onRequest(SimulateOperationRequest, (p: SimulateOperationParams): SimulateResult => {
      const cl = getCluster(ctx);
      const ns = p.namespace ?? 'default';
      const name = p.name ?? '';
      let messages: string[];
      try {
        switch (p.op) {
          case 'scale': messages = [cl.scale(p.kind ?? 'Deployment', ns, name, Math.max(0, Math.floor(p.replicas ?? 0)))]; break;
          case 'setImage': messages = [cl.setImage(ns, name, p.container ?? name, p.image ?? '', p.kind ?? 'Deployment')]; break;
          case 'pause': messages = [cl.pause(ns, name)]; break;
          case 'resume': messages = [cl.resume(ns, name)]; break;
          case 'load': messages = [cl.setLoad(p.kind ?? 'Deployment', ns, name, p.cpu ?? '0')]; break;
          case 'rolloutUndo': messages = [cl.rolloutUndo(ns, name, p.revision)]; break;
          case 'rolloutRestart': messages = [cl.rolloutRestart(ns, name)]; break;
          case 'deletePod': messages = [cl.deletePod(ns, name)]; break;
          case 'failNode': messages = [cl.failNode(name)]; break;
          case 'recoverNode': messages = [cl.recoverNode(name)]; break;
          case 'cordon': messages = [cl.cordon(name, true)]; break;
          case 'uncordon': messages = [cl.cordon(name, false)]; break;
          case 'drain': messages = [cl.drain(name)]; break;
          case 'request': {
            const t = cl.request(p.host ?? '', p.path ?? '/');
            messages = [...t.hops, t.ok ? 'ok' : `failed: ${t.error}`];
            return result(ctx, messages);
          }
          default: messages = [`unknown operation ${String((p as { op?: unknown }).op)}`];
        }
      } catch (e) {
        messages = [`error: ${(e as Error).message}`];
      }
      cl.runUntilStable(120);
      return result(ctx, messages);
    });
    c.onRequest(SimulateExplainRequest, (p: { namespace?: string; pod: string }) => getCluster(ctx).explain(p.namespace ?? 'default', p.pod));
  },
};
