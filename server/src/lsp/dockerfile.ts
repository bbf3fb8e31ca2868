import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { analyseFiles } from '../workspace/analyse';
import { uriToPath } from './convert';
import { layerPlanForFile } from '../workspace/dockerfiles';
import { dockerfileRuleDocs, parseDockerfile, planLayers } from '../dockerfile/index';
import { LayerPlanRequest, type LayerPlanParams, type LayerPlan } from '../protocol/dockerfile';
import type { LanguageFeatures } from './context';

export const dockerfileFeatures: LanguageFeatures = {
  ruleDocs: dockerfileRuleDocs,

  diagnose(doc, ctx) {
    const s = ctx.settings();
    const path = uriToPath(doc.uri) ?? doc.uri;
    return analyseFiles([{ path, kind: 'dockerfile', text: doc.getText() }], { maxFileSize: s.maxFileSize, buildArgs: s.buildArgs }).get(path) ?? [];
  },

  documentSymbol(doc) {
    const model = parseDockerfile(doc.getText());
    return model.stages.map((stage): DocumentSymbol => {
      const last = stage.steps[stage.steps.length - 1] ?? stage.from;
      return {
        name: stage.name ?? `stage ${stage.index}`,
        detail: stage.base ?? '',
        kind: SymbolKind.Module,
        range: { start: stage.from.range.start, end: last.range.end },
        selectionRange: stage.from.range,
        children: stage.steps.map((step) => ({
          name: step.instruction,
          detail: step.arguments.length > 60 ? `${step.arguments.slice(0, 59)}…` : step.arguments,
          kind: SymbolKind.Field,
          range: step.range,
          selectionRange: step.keywordRange,
        })),
      };
    });
  },

  register(ctx) {
    ctx.connection.onRequest(LayerPlanRequest, (params: LayerPlanParams): LayerPlan | null => {
      const doc = ctx.documents.get(params.uri);
      if (!doc || ctx.kindOf(doc) !== 'dockerfile') return null;
      const path = uriToPath(doc.uri);
      const plan = path
        ? layerPlanForFile(path, doc.getText(), { target: params.target, buildArgs: { ...ctx.settings().buildArgs, ...(params.buildArgs ?? {}) }, changed: params.changed })
        : planLayers(parseDockerfile(doc.getText()), { target: params.target, buildArgs: params.buildArgs, changed: params.changed });
      return { ...plan, uri: params.uri };
    });
  },
};
