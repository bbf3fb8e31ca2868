#!/usr/bin/env node
// Build step (not bundled): turns the Kubernetes API definitions shipped by the npm package
// kubernetes-types (generated from the Kubernetes OpenAPI spec; its version is the Kubernetes version), with the
// enum values of kubernetes-models (generated from the OpenAPI v3 spec, which has enums), into
// the compact JSON schema the validators and hover read: k8s-schema.json beside this file.
//
//   node server/src/manifests/validation/schema/build-schema.mjs          # writes k8s-schema.json
//   node server/src/manifests/validation/schema/build-schema.mjs --check  # exits 1 when it is stale
//
// Compact form: defs[name] = { d: description, p: { field: [type, description, enum?] }, r: [required fields] },
// kinds["apps/v1 Deployment"] = def name. Types: "s" string, "n" number, "b" boolean, "q" Quantity
// (string or number), "i" IntOrString, "a" anything, "@Def" a definition, "[T" array of T, "{T" map of T.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = dirname(require.resolve('kubernetes-types/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

/** Group folders → API group names (the core group has none). */
const GROUP_NAMES = {
  core: '', admissionregistration: 'admissionregistration.k8s.io', apiextensions: 'apiextensions.k8s.io',
  apiserverinternal: 'internal.apiserver.k8s.io', apps: 'apps', authentication: 'authentication.k8s.io',
  authorization: 'authorization.k8s.io', autoscaling: 'autoscaling', batch: 'batch', certificates: 'certificates.k8s.io',
  coordination: 'coordination.k8s.io', discovery: 'discovery.k8s.io', events: 'events.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io', networking: 'networking.k8s.io', node: 'node.k8s.io', policy: 'policy',
  rbac: 'rbac.authorization.k8s.io', resource: 'resource.k8s.io', scheduling: 'scheduling.k8s.io', storage: 'storage.k8s.io',
  storagemigration: 'storagemigration.k8s.io', meta: null, api: null,
};

const files = [];
const walk = (d) => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.d.ts')) files.push(p);
  }
};
walk(pkgDir);

const defs = {};
const kinds = {};
const docOf = (node) => {
  const jsDoc = node.jsDoc;
  if (!jsDoc || !jsDoc.length) return '';
  const c = jsDoc[jsDoc.length - 1].comment;
  return typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => x.text ?? '').join('') : '';
};

for (const file of files) {
  const rel = relative(pkgDir, file).replace(/\.d\.ts$/, ''); // e.g. apps/v1, runtime, api/resource
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  // Imported names → their module (so references resolve to the defining file).
  const imports = new Map();
  for (const st of src.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const mod = join(dirname(rel), st.moduleSpecifier.text).replace(/\\/g, '/');
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, mod);
    }
  }
  const qualify = (name) => `${(imports.get(name) ?? rel).replace(/\//g, '.')}.${name}`;
  const typeCode = (t) => {
    if (!t) return 'a';
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword: return 's';
      case ts.SyntaxKind.NumberKeyword: return 'n';
      case ts.SyntaxKind.BooleanKeyword: return 'b';
      case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword: return 'a';
      case ts.SyntaxKind.LiteralType: return 's';
      case ts.SyntaxKind.ArrayType: return `[${typeCode(t.elementType)}`;
      case ts.SyntaxKind.UnionType: {
        const parts = new Set(t.types.map(typeCode));
        if (parts.size === 1) return [...parts][0];
        if (parts.has('n') && parts.has('s') && parts.size === 2) return 'i';
        return 'a';
      }
      case ts.SyntaxKind.TypeLiteral: {
        const idx = t.members.find((m) => m.kind === ts.SyntaxKind.IndexSignature);
        return idx ? `{${typeCode(idx.type)}` : 'a';
      }
      case ts.SyntaxKind.TypeReference: {
        const n = t.typeName.getText(src);
        if (n === 'Array' && t.typeArguments?.length === 1) return `[${typeCode(t.typeArguments[0])}`;
        if (n === 'Record' && t.typeArguments?.length === 2) return `{${typeCode(t.typeArguments[1])}`;
        if (n === 'Quantity') return 'q';
        if (n === 'IntOrString') return 'i';
        if (n === 'Time' || n === 'MicroTime') return 's';
        return `@${qualify(n)}`;
      }
      default: return 'a';
    }
  };
  for (const st of src.statements) {
    if (ts.isTypeAliasDeclaration(st)) {
      const name = `${rel.replace(/\//g, '.')}.${st.name.text}`;
      defs[name] = { d: docOf(st), t: typeCode(st.type) };
    } else if (ts.isInterfaceDeclaration(st)) {
      const name = `${rel.replace(/\//g, '.')}.${st.name.text}`;
      const p = {};
      const r = [];
      let apiVersion = null;
      let kind = null;
      for (const m of st.members) {
        if (!ts.isPropertySignature(m) || !m.name) continue;
        const field = m.name.getText(src).replace(/^"|"$/g, '');
        if (field === 'apiVersion' && m.type?.kind === ts.SyntaxKind.LiteralType) apiVersion = m.type.literal.text;
        if (field === 'kind' && m.type?.kind === ts.SyntaxKind.LiteralType) kind = m.type.literal.text;
        p[field] = [typeCode(m.type), docOf(m)];
        if (!m.questionToken) r.push(field);
      }
      // An interface without members (e.g. apiextensions JSON) stands for any value.
      defs[name] = Object.keys(p).length === 0 ? { d: docOf(st), t: 'a' } : { d: docOf(st), p, ...(r.length ? { r } : {}) };
      if (apiVersion && kind && !kind.endsWith('List')) kinds[`${apiVersion} ${kind}`] = name;
    }
  }
}
// kubernetes-types leaves out the x-kubernetes-* extension fields of JSONSchemaProps, which CRDs use all the
// time; add them back with the types and meanings the apiextensions API gives them.
const X_KUBERNETES = {
  'x-kubernetes-embedded-resource': ['b', 'The field holds a whole Kubernetes object with apiVersion, kind and metadata, validated like one.'],
  'x-kubernetes-int-or-string': ['b', 'The field accepts an integer or a string.'],
  'x-kubernetes-list-map-keys': ['[s', 'For a list of type "map": the keys that identify an item.'],
  'x-kubernetes-list-type': ['s', 'How the list merges: "atomic", "set" or "map".'],
  'x-kubernetes-map-type': ['s', 'How the object merges: "granular" or "atomic".'],
  'x-kubernetes-preserve-unknown-fields': ['b', 'Fields not named in the schema are kept instead of pruned.'],
  'x-kubernetes-validations': ['[a', 'CEL validation rules for the field.'],
};
for (const [name, def] of Object.entries(defs)) {
  if (/^apiextensions\.v1(beta1)?\.JSONSchemaProps$/.test(name) && def.p) Object.assign(def.p, X_KUBERNETES);
}
// Enumerations: kubernetes-types renders enum fields as plain strings, while kubernetes-models renders the
// OpenAPI enums as unions of string literals. Take the allowed values from there, for the fields that are
// strings here: p[field] = [type, description, [values…]].
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const modelsVersion = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
const modelFiles = [];
const walkModels = (d) => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (e === 'node_modules' || e === '_schemas') continue;
    if (statSync(p).isDirectory()) walkModels(p);
    else if (p.endsWith('.d.ts')) modelFiles.push(p);
  }
};
walkModels(modelsDir);
let enumCount = 0;
for (const file of modelFiles) {
  const rel = relative(modelsDir, file).replace(/\.d\.ts$/, '').split(/[\\/]/);
  if (rel.length !== 3 && rel.length !== 2) continue;
  // v1/Container → core.v1.Container; apps/v1/Deployment → apps.v1.Deployment; networking.k8s.io/v1/X → networking.v1.X
  const [group, version, type] = rel.length === 2 ? ['core', rel[0], rel[1]] : [rel[0].split('.')[0], rel[1], rel[2]];
  const def = defs[`${group}.${version}.${type}`];
  if (!def || !def.p) continue;
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const st of src.statements) {
    if (!ts.isInterfaceDeclaration(st)) continue;
    for (const m of st.members) {
      if (!ts.isPropertySignature(m) || !m.type || m.type.kind !== ts.SyntaxKind.UnionType) continue;
      const field = m.name.getText(src).replace(/^"|"$/g, '');
      const values = m.type.types.every((t) => t.kind === ts.SyntaxKind.LiteralType && ts.isStringLiteral(t.literal))
        ? m.type.types.map((t) => t.literal.text)
        : null;
      const prop = def.p[field];
      if (values && prop && prop[0] === 's' && prop.length === 2) {
        prop.push([...new Set(values)].sort());
        enumCount++;
      }
    }
  }
}

const out = { source: `kubernetes-types@${pkg.version}`, enums: `kubernetes-models@${modelsVersion}`, enumCount, kubernetes: pkg.version.split('.').slice(0, 2).join('.'), kinds, defs };
const json = JSON.stringify(out);
const target = join(here, 'k8s-schema.json');
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== json) {
    console.error('k8s-schema.json is stale: run build-schema.mjs');
    process.exit(1);
  }
  console.log('k8s-schema.json is up to date');
} else {
  writeFileSync(target, json);
  console.log(`wrote ${target}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions, ${json.length} bytes`);
}
void GROUP_NAMES;
