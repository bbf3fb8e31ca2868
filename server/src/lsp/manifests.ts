import { InlayHintKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { isMap, isSeq } from 'yaml';
import { LineIndex } from '../common/text';
import { manifestRuleDocs, parseManifests } from '../manifests/index';
import { analyseText } from '../workspace/analyse';
import type { LanguageFeatures } from './context';
import { defaultHints } from './manifestHints';

export const manifestFeatures: LanguageFeatures = {
  ruleDocs: manifestRuleDocs,

  diagnose(doc, ctx) {
    return analyseText('yaml', doc.getText(), { maxFileSize: ctx.settings().maxFileSize });
  },

  documentSymbol(doc) {
    const text = doc.getText();
    const parse = parseManifests(text);
    const idx = new LineIndex(text);
    return parse.resources.map((r): DocumentSymbol => {
      const children: DocumentSymbol[] = [];
      const root = r.doc.contents;
      const spec = isMap(root) ? root.get('spec', true) : null;
      const template = isMap(spec) ? spec.get('template', true) : null;
      const podSpec = r.kind === 'Pod' ? spec : isMap(template) ? template.get('spec', true) : null;
      const containers = isMap(podSpec) ? podSpec.get('containers', true) : null;
      if (isSeq(containers)) {
        for (const c of containers.items) {
          if (!isMap(c) || !c.range) continue;
          const name = c.get('name');
          const range = idx.rangeOf(c.range[0], c.range[1]);
          children.push({ name: typeof name === 'string' ? name : 'container', detail: String(c.get('image') ?? ''), kind: SymbolKind.Object, range, selectionRange: range });
        }
      }
      const body = isMap(root) && root.range ? idx.rangeOf(root.range[0], root.range[1]) : r.range;
      return {
        name: `${r.kind} ${r.name ?? '(unnamed)'}`,
        detail: r.namespace ? `${r.apiVersion} · ${r.namespace}` : r.apiVersion,
        kind: SymbolKind.Class,
        range: body,
        selectionRange: r.kindRange,
        children,
      };
    });
  },

  inlayHint(doc, params) {
    const text = doc.getText();
    const parse = parseManifests(text);
    return defaultHints(text, parse.resources)
      .filter((h) => h.position.line >= params.range.start.line && h.position.line <= params.range.end.line)
      .map((h) => ({ position: h.position, label: h.label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: h.tooltip }));
  },
};
