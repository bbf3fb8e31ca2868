import {
  CompletionItemKind,
  DocumentHighlightKind,
  FoldingRangeKind,
  InlayHintKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type InlayHint,
  type Location,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  KNOWN_INSTRUCTIONS,
  dockerfileSymbols,
  parseDockerfile,
  parseImageRef,
  planLayers,
  symbolAt,
  type DockerfileModel,
  type DockerfileSymbol,
} from '../dockerfile/index';
import { LayerPlanRequest, type LayerPlan, type LayerPlanParams, type PlanStep } from '../protocol/dockerfile';
import { analyseFiles } from '../workspace/analyse';
import { dockerfileModel, layerPlanForFile, sharingFor } from '../workspace/dockerfiles';
import { forgetHadolintLookups } from '../workspace/hadolintConfig';
import { ruleDocs } from '../workspace/ruleDocs';
import { longLineFinding } from '../workspace/guard';
import type { LanguageFeatures, ServerContext } from './context';
import { uriToPath } from './convert';
import { INSTRUCTION_DOCS } from './dockerfileDocs';
import { formatBytes } from '../common/strings';
import { estimateRunLayer } from '../dockerfile/estimate';
import { formatDockerfile } from '../dockerfile/format';

interface Analysed {
  version: number;
  model: DockerfileModel;
  symbols: DockerfileSymbol[];
  plan: LayerPlan | null;
}

/** One parse, symbol table and plan per document version, shared by every feature. */
const cache = new Map<string, Analysed>();

function analysed(doc: TextDocument, ctx: ServerContext): Analysed {
  const hit = cache.get(doc.uri);
  if (hit && hit.version === doc.version) return hit;
  // A pathological line would make every feature slow: such a document is treated as empty (diagnostics say why).
  const text = longLineFinding(doc.getText()) ? '' : doc.getText();
  const path = uriToPath(doc.uri);
  // The same incrementally parsed model the diagnostics use (keyed the same way), so a version is parsed once.
  const model = dockerfileModel(path ?? doc.uri, text);
  let plan: LayerPlan | null = null;
  try {
    plan = path ? layerPlanForFile(path, text, { buildArgs: ctx.settings().buildArgs, model }) : planLayers(model, { buildArgs: ctx.settings().buildArgs });
  } catch (e) {
    ctx.log('warn', `layer plan failed for ${doc.uri}: ${(e as Error).message}`);
  }
  const a: Analysed = { version: doc.version, model, symbols: dockerfileSymbols(model, text), plan };
  cache.set(doc.uri, a);
  return a;
}

function planStepAt(plan: LayerPlan | null, line: number): { step: PlanStep; stageIndex: number; index: number } | null {
  if (!plan) return null;
  for (const stage of plan.stages) {
    const index = stage.steps.findIndex((s) => s.range.start.line <= line && line <= s.range.end.line);
    if (index >= 0) return { step: stage.steps[index], stageIndex: stage.index, index };
  }
  return null;
}

function layerSummary(plan: LayerPlan, found: { step: PlanStep; stageIndex: number; index: number }): string {
  const { step } = found;
  const stage = plan.stages[found.stageIndex];
  const later = stage.steps.length - found.index - 1;
  const lines: string[] = [];
  if (step.kind === 'config') lines.push('**No layer**: this step only changes the image config.');
  else if (step.tarBytes !== null && step.estimated) {
    const est = estimateRunLayer(step.arguments.replace(/^(\s*--\S+)+\s*/, ''));
    lines.push(`**Layer**: about ${formatBytes(step.tarBytes)} (estimated, not measured: Drydock does not run commands)${est ? `, from ${est.basis.join('; ')}` : ''}.`);
  } else if (step.tarBytes !== null) lines.push(`**Layer**: ${formatBytes(step.tarBytes)} as an uncompressed tar${step.sizeBytes !== null ? ` (${formatBytes(step.sizeBytes)} of content${step.files !== undefined ? ` in ${step.files} file${step.files === 1 ? '' : 's'}` : ''})` : ''}.`);
  else lines.push('**Layer** of unknown size (Drydock does not run commands).');
  const inputs = step.inputs.filter((i) => !i.startsWith('file:'));
  const files = step.inputs.filter((i) => i.startsWith('file:'));
  if (files.length) lines.push(`Rebuilds when any of its ${step.files ?? files.length} context file(s) change, e.g. ${files.slice(0, 3).map((f) => '`' + f.slice(5) + '`').join(', ')}.`);
  if (inputs.length) lines.push(`Cache inputs: ${inputs.map((i) => '`' + i + '`').join(', ')}.`);
  if (later > 0) lines.push(`A change here also rebuilds the ${later} later step(s) of stage ${stage.name ?? stage.index}.`);
  if (stage.skipped) lines.push(`Stage ${stage.name ?? stage.index} is skipped when building the target ${plan.target}.`);
  return lines.join('\n\n');
}

function symbolLocations(uri: string, sym: DockerfileSymbol, includeDeclaration: boolean): Location[] {
  return [...(includeDeclaration ? sym.declarations.map((d) => d.range) : []), ...sym.references].map((range) => ({ uri, range }));
}

const wordBefore = (line: string, character: number) => /[A-Za-z_][A-Za-z0-9_]*$/.exec(line.slice(0, character))?.[0] ?? '';

export const dockerfileFeatures: LanguageFeatures = {
  ruleDocs,

  diagnose(doc, ctx) {
    const s = ctx.settings();
    const path = uriToPath(doc.uri) ?? doc.uri;
    return analyseFiles([{ path, kind: 'dockerfile', text: doc.getText() }], { maxFileSize: s.maxFileSize, buildArgs: s.buildArgs, rules: s.rules, roots: ctx.workspaceFolders() }).get(path) ?? [];
  },

  hover(doc, params, ctx): Hover | null {
    const a = analysed(doc, ctx);
    const { line, character } = params.position;
    const sym = symbolAt(a.symbols, line, character);
    if (sym?.kind === 'variable') {
      const decls = sym.declarations.map((d) => `- \`${d.instruction} ${sym.name}${d.value !== null ? '=' + d.value : ''}\` (line ${d.range.start.line + 1})`).join('\n');
      const buildArg = ctx.settings().buildArgs[sym.name];
      const value = buildArg !== undefined ? `\n\nBuild-arg value from settings: \`${buildArg}\`` : '';
      return { contents: { kind: MarkupKind.Markdown, value: `**${sym.scope < 0 ? 'global ARG' : 'variable'}** \`${sym.name}\`\n\n${decls}${value}` } };
    }
    if (sym?.kind === 'stage') {
      return { contents: { kind: MarkupKind.Markdown, value: `**stage** \`${sym.name}\` FROM \`${sym.declarations[0].value ?? '?'}\` (line ${sym.declarations[0].range.start.line + 1}), used ${sym.references.length} time(s)` } };
    }
    for (const stage of a.model.stages) {
      const from = stage.from.node;
      if (from.getRange().start.line !== line) continue;
      const img = (from as { getImageRange?: () => { start: { character: number }; end: { character: number } } | null }).getImageRange?.();
      if (img && character >= img.start.character && character <= img.end.character && stage.base) {
        const ref = parseImageRef(stage.base);
        if (ref) {
          const rows = [`**image** \`${ref.canonical}\``, '', `| registry | repository | tag | digest |`, `|---|---|---|---|`, `| ${ref.registry} | ${ref.repository} | ${ref.tag ?? (ref.digest ? '—' : 'latest (implicit)')} | ${ref.digest ?? '—'} |`];
          return { contents: { kind: MarkupKind.Markdown, value: rows.join('\n') } };
        }
      }
    }
    const step = [...a.model.preamble, ...a.model.stages.flatMap((s) => [s.from, ...s.steps])].find((s) => s.keywordRange.start.line === line && character <= s.keywordRange.end.character);
    if (step) {
      const docs = INSTRUCTION_DOCS[step.instruction];
      const found = planStepAt(a.plan, line);
      const parts = docs ? [`**${step.instruction}** — ${docs.summary}`, '```dockerfile\n' + docs.syntax + '\n```'] : [`Unknown instruction \`${step.instruction}\``];
      if (a.plan && found) parts.push(layerSummary(a.plan, found));
      return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: step.keywordRange };
    }
    return null;
  },

  completion(doc, params, ctx): CompletionItem[] {
    const a = analysed(doc, ctx);
    const { line, character } = params.position;
    const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character } });
    // Variables inside ${ or after $.
    if (/\$\{?[A-Za-z0-9_]*$/.test(lineText)) {
      const names = new Map<string, DockerfileSymbol>();
      for (const s of a.symbols) if (s.kind === 'variable' && s.declarations.some((d) => d.range.start.line < line)) names.set(s.name, s);
      return [...names.values()].map((s) => ({ label: s.name, kind: CompletionItemKind.Variable, detail: s.declarations.map((d) => `${d.instruction} ${s.name}${d.value !== null ? '=' + d.value : ''}`).join(' · ') }));
    }
    // Stage names after --from= (and RUN --mount=from=).
    if (/(--from=|[,=]from=)[A-Za-z0-9_.-]*$/.test(lineText)) {
      const current = a.model.stages.filter((s) => s.from.range.start.line <= line).pop();
      return a.model.stages.filter((s) => s.name && current && s.index < current.index).map((s) => ({ label: s.name!, kind: CompletionItemKind.Module, detail: `stage ${s.index} FROM ${s.base ?? '?'}` }));
    }
    // Flags of the instruction on this line.
    const kw = /^\s*([A-Za-z]+)\s.*--[A-Za-z-]*$/.exec(lineText);
    if (kw) {
      const flags = INSTRUCTION_DOCS[kw[1].toUpperCase()]?.flags ?? [];
      const typed = /--[A-Za-z-]*$/.exec(lineText)![0];
      return flags.map((f) => ({ label: f, kind: CompletionItemKind.Property, textEdit: { range: { start: { line, character: character - typed.length }, end: { line, character } }, newText: f } }));
    }
    // Instructions at the start of a line.
    if (/^\s*[A-Za-z]*$/.test(lineText)) {
      const prev = line > 0 ? doc.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }) : '';
      if (/\\\s*\r?\n$/.test(prev)) return [];
      const typed = wordBefore(lineText, character);
      const lower = typed !== '' && typed === typed.toLowerCase();
      return [...KNOWN_INSTRUCTIONS].filter((k) => k !== 'MAINTAINER').map((k) => ({
        label: lower ? k.toLowerCase() : k,
        kind: CompletionItemKind.Keyword,
        detail: INSTRUCTION_DOCS[k]?.syntax,
        documentation: { kind: MarkupKind.Markdown, value: INSTRUCTION_DOCS[k]?.summary ?? '' },
        insertText: `${lower ? k.toLowerCase() : k} `,
        insertTextFormat: InsertTextFormat.PlainText,
      }));
    }
    return [];
  },

  documentSymbol(doc, ctx): DocumentSymbol[] {
    const model = analysed(doc, ctx).model;
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

  definition(doc, params, ctx) {
    const sym = symbolAt(analysed(doc, ctx).symbols, params.position.line, params.position.character);
    return sym ? sym.declarations.map((d) => ({ uri: doc.uri, range: d.range })) : null;
  },

  references(doc, params, ctx) {
    const sym = symbolAt(analysed(doc, ctx).symbols, params.position.line, params.position.character);
    return sym ? symbolLocations(doc.uri, sym, params.context.includeDeclaration) : null;
  },

  documentHighlight(doc, params, ctx) {
    const sym = symbolAt(analysed(doc, ctx).symbols, params.position.line, params.position.character);
    if (!sym) return null;
    return [
      ...sym.declarations.map((d) => ({ range: d.range, kind: DocumentHighlightKind.Write })),
      ...sym.references.map((range) => ({ range, kind: DocumentHighlightKind.Read })),
    ];
  },

  prepareRename(doc, params, ctx) {
    const { line, character } = params.position;
    const sym = symbolAt(analysed(doc, ctx).symbols, line, character);
    if (!sym) return null;
    const inside = (r: { start: { line: number; character: number }; end: { character: number } }) => r.start.line === line && r.start.character <= character && character <= r.end.character;
    return sym.declarations.map((d) => d.range).find(inside) ?? sym.references.find(inside) ?? null;
  },

  rename(doc, params, ctx) {
    const sym = symbolAt(analysed(doc, ctx).symbols, params.position.line, params.position.character);
    if (!sym) return null;
    const valid = sym.kind === 'stage' ? /^[a-z][a-z0-9_.-]*$/i : /^[A-Za-z_][A-Za-z0-9_]*$/;
    if (!valid.test(params.newName)) throw new Error(`"${params.newName}" is not a valid ${sym.kind} name`);
    const edits: TextEdit[] = symbolLocations(doc.uri, sym, true).map((l) => ({ range: l.range, newText: params.newName }));
    return { changes: { [doc.uri]: edits } };
  },

  inlayHint(doc, params, ctx) {
    const a = analysed(doc, ctx);
    if (!a.plan) return [];
    const hints: InlayHint[] = [];
    for (const stage of a.plan.stages) {
      for (const step of stage.steps) {
        const end = step.range.end;
        if (end.line < params.range.start.line || end.line > params.range.end.line) continue;
        const label = step.kind === 'config' ? 'no layer' : step.tarBytes !== null ? `${step.estimated ? '≈ ' : ''}${formatBytes(step.tarBytes)}` : 'layer';
        const tooltip = step.kind !== 'layer' ? undefined
          : step.tarBytes === null ? 'This step makes a layer whose size Drydock cannot know without running it.'
          : step.estimated ? 'An estimate from the packages this step installs (docs/layers.md lists the assumptions).' : undefined;
        hints.push({ position: end, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip });
      }
    }
    return hints;
  },

  foldingRange(doc, ctx) {
    const model = analysed(doc, ctx).model;
    return model.stages
      .map((stage) => {
        const last = stage.steps[stage.steps.length - 1] ?? stage.from;
        return { startLine: stage.from.range.start.line, endLine: last.range.end.line, kind: FoldingRangeKind.Region };
      })
      .filter((r) => r.endLine > r.startLine);
  },

  formatting(doc, params, ctx) {
    // Keywords upper case and continuation lines indented one level; comments, blank lines and heredocs stay intact.
    return formatDockerfile(analysed(doc, ctx).model, doc.getText(), { tabSize: params.options.tabSize, insertSpaces: params.options.insertSpaces });
  },

  closed(doc) {
    cache.delete(doc.uri);
  },

  register(ctx) {
    // A .hadolint.yaml created, changed or deleted (the client watches them): check the open documents again
    // (the configuration is re-read by modification time on each analysis).
    ctx.connection.onDidChangeWatchedFiles((e) => {
      if (!e.changes.some((c) => /\/\.hadolint\.ya?ml$/.test(c.uri))) return;
      forgetHadolintLookups();
      ctx.refreshDiagnostics();
    });
    ctx.connection.onRequest(LayerPlanRequest, (params: LayerPlanParams): LayerPlan | null => {
      const doc = ctx.documents.get(params.uri);
      if (!doc || ctx.kindOf(doc) !== 'dockerfile' || longLineFinding(doc.getText())) return null;
      const path = uriToPath(doc.uri);
      const plan = path
        ? layerPlanForFile(path, doc.getText(), { target: params.target, buildArgs: { ...ctx.settings().buildArgs, ...(params.buildArgs ?? {}) }, changed: params.changed })
        : planLayers(parseDockerfile(doc.getText()), { target: params.target, buildArgs: params.buildArgs, changed: params.changed });
      const root = path ? ctx.workspaceFolders().find((f) => path.startsWith(f)) : undefined;
      if (path && root) {
        try {
          plan.sharedWith = sharingFor(path, plan, root, ctx.settings().buildArgs);
        } catch (e) {
          ctx.log('warn', `layer sharing failed: ${(e as Error).message}`);
        }
      }
      return { ...plan, uri: params.uri };
    });
  },
};
