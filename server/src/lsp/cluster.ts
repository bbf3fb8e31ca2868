import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterView, createCluster, parseClusterProfile, type SimulatedCluster } from '../cluster/index';
import { parseManifests } from '../manifests/index';
import {
  ClusterChangedNotification, SimulateApplyRequest, SimulateExplainRequest, SimulateOperationRequest, SimulateResetRequest, SimulateRunRequest, SimulateStepRequest,
  type ClusterView, type SimulateApplyParams, type SimulateOperationParams, type SimulateResult,
} from '../protocol/cluster';
import { findFiles } from '../workspace/files';
import type { LanguageFeatures, ServerContext } from './context';
import { uriToPath } from './convert';
import { URI } from 'vscode-uri';

let cluster: SimulatedCluster | null = null;

function profilePath(ctx: ServerContext): string | null {
  const setting = ctx.settings().clusterProfile;
  for (const root of ctx.workspaceFolders()) {
    const p = path.resolve(root, setting);
    // Restricted to the workspace: a profile path may not point outside it.
    if (!p.startsWith(root + path.sep)) continue;
    if (fs.existsSync(p)) return p;
  }
  return null;
}

function getCluster(ctx: ServerContext): SimulatedCluster {
  if (cluster) return cluster;
  const p = profilePath(ctx);
  let profile;
  if (p) {
    try {
      profile = parseClusterProfile(fs.readFileSync(p, 'utf8'));
    } catch (e) {
      ctx.log('warn', `${(e as Error).message} (${p}); using the default cluster`);
    }
  }
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
    c.onRequest(SimulateRunRequest, (): SimulateResult => {
      const cl = getCluster(ctx);
      const stable = cl.runUntilStable();
      return result(ctx, [stable ? `stable after ${cl.time}s` : `still changing at ${cl.time}s`]);
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
          case 'rolloutUndo': messages = [cl.rolloutUndo(ns, name)]; break;
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
