import { LineCounter, parseAllDocuments, isMap, isScalar, type Document } from 'yaml';
import { LineIndex } from '../common/text';
import type { Finding, Range } from '../common/types';

/** One YAML document of a stream that holds a Kubernetes object (it has `apiVersion` and `kind`). */
export interface Resource {
  apiVersion: string;
  kind: string;
  name: string | null;
  namespace: string | null;
  /** Index of the document in the stream. */
  docIndex: number;
  /** Range of the whole document, and of the kind's value (a good anchor for findings). */
  range: Range;
  kindRange: Range;
  /** The document as plain JSON. */
  object: Record<string, unknown>;
  doc: Document.Parsed;
}

export interface ManifestParse {
  /** Every document of the stream, Kubernetes or not. */
  documents: Document.Parsed[];
  resources: Resource[];
  /** YAML syntax errors and warnings. */
  findings: Finding[];
  /** True when at least one document is a Kubernetes object. */
  isKubernetes: boolean;
}

/** Largest number of alias expansions a document may make before we call it a bomb. */
const MAX_ALIAS_COUNT = 1000;

export function parseManifests(text: string): ManifestParse {
  const lineCounter = new LineCounter();
  const index = new LineIndex(text);
  const documents = parseAllDocuments(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false });
  const docs = Array.isArray(documents) ? documents : [];
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  const rangeOf = (pos: [number, number] | undefined): Range =>
    pos ? index.rangeOf(pos[0], Math.max(pos[1], pos[0])) : index.rangeOf(0, 0);

  docs.forEach((doc, docIndex) => {
    for (const err of doc.errors) {
      findings.push({ rule: 'yaml-syntax', severity: 'error', message: cleanMessage(err.message), range: rangeOf(err.pos) });
    }
    for (const warn of doc.warnings) {
      findings.push({ rule: 'yaml-syntax', severity: 'warning', message: cleanMessage(warn.message), range: rangeOf(warn.pos) });
    }
    if (doc.errors.length > 0 || !isMap(doc.contents)) return;
    const kindNode = doc.contents.get('kind', true);
    const apiNode = doc.contents.get('apiVersion', true);
    if (!isScalar(kindNode) || !isScalar(apiNode)) return;
    let object: Record<string, unknown>;
    try {
      object = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    } catch (e) {
      findings.push({
        rule: 'yaml-syntax',
        severity: 'error',
        message: `Document cannot be read: ${(e as Error).message}`,
        range: rangeOf(doc.range ? [doc.range[0], doc.range[1]] : undefined),
      });
      return;
    }
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    resources.push({
      apiVersion: String(apiNode.value),
      kind: String(kindNode.value),
      name: typeof metadata.name === 'string' ? metadata.name : null,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
      docIndex,
      range: rangeOf(doc.range ? [doc.range[0], doc.range[1]] : undefined),
      kindRange: rangeOf(kindNode.range ? [kindNode.range[0], kindNode.range[1]] : undefined),
      object,
      doc,
    });
  });
  return { documents: docs, resources, findings, isKubernetes: resources.length > 0 };
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line L, column C" and a source excerpt; the range already says where.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
