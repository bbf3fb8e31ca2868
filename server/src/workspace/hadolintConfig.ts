import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from '../common/text';
import type { Finding, Range, Severity } from '../common/types';
import { LABEL_TYPES, type DockerfileRuleOptions, type LabelType } from '../dockerfile/index';
import { DOCKERFILE_RULES, dockerfileRuleMeta } from '../dockerfile/rules/index';
import type { RuleOverrides } from './overrides';

/**
 * hadolint's configuration file, read the way hadolint reads it, for the Dockerfile rules.
 * The nearest `.hadolint.yaml` / `.hadolint.yml` walking up from the Dockerfile is used (up to the
 * workspace root). Keys: `ignored`, `override: {error|warning|info|style: [ids]}`, `trustedRegistries`,
 * `label-schema`, `strict-labels`, `disable-ignore-pragma`, `failure-threshold`. hadolint's `style` is our `info` (the severity
 * Drydock gives hadolint's style rules; `hint` would keep them out of the Problems panel). A file that
 * cannot be read or parsed is reported, never fatal.
 */

export const CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** What `failure-threshold` asks for: a severity, or `none` (never fail). */
export type FailureThreshold = Severity | 'none';

export interface ConfigProblem {
  message: string;
  /** Where in the configuration file. */
  range: Range;
}

export interface HadolintConfig {
  path: string;
  ignored: string[];
  /** Rule id → severity, from `override`. */
  override: Record<string, Severity>;
  trustedRegistries: string[];
  labelSchema: Record<string, LabelType>;
  strictLabels: boolean;
  disableIgnorePragma: boolean;
  failureThreshold: FailureThreshold | null;
  problems: ConfigProblem[];
}

const OVERRIDE_LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
const THRESHOLDS: Record<string, FailureThreshold> = { error: 'error', warning: 'warning', info: 'info', style: 'info', ignore: 'none', none: 'none' };
/** hadolint keys that only steer its own command line: accepted, nothing to do here. */
const CLI_ONLY = new Set(['no-fail', 'no-color', 'verbose', 'format', 'output-format']);

const emptyConfig = (file: string): HadolintConfig => ({ path: file, ignored: [], override: {}, trustedRegistries: [], labelSchema: {}, strictLabels: false, disableIgnorePragma: false, failureThreshold: null, problems: [] });

/** Parses and validates a configuration's text. Pure. Problems are collected; what is valid is kept. */
export function parseHadolintConfig(text: string, file: string): HadolintConfig {
  const config = emptyConfig(file);
  const lines = new LineIndex(text);
  /** The key being read: where a problem with a missing value is reported. */
  let currentKey: Node | null = null;
  const at = (node: Node | null | undefined): Range => {
    const r = node?.range ?? currentKey?.range;
    return r ? lines.rangeOf(r[0], r[1]) : lines.rangeOf(0, 0);
  };
  const problem = (message: string, node?: Node | null) => config.problems.push({ message, range: at(node) });
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length) {
    for (const e of doc.errors) config.problems.push({ message: `not valid YAML: ${e.message.split('\n')[0]}`, range: lines.rangeOf(e.pos[0], e.pos[1]) });
    return config;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return config;
  if (!isMap(root)) {
    problem('the configuration must be a mapping (e.g. `ignored: [DL3008]`)', root);
    return config;
  }
  /** A list of non-empty strings (a single string is taken as a list of one, as YAML users often write). */
  const strings = (node: unknown, key: string): string[] => {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) return [node.value.trim()];
    if (!isSeq(node)) {
      problem(`\`${key}\` must be a list of strings`, node as Node);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim()) out.push(String(item.value).trim());
      else problem(`\`${key}\` must hold strings only`, item as Node);
    }
    return out;
  };
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    currentKey = keyNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'ignored':
        config.ignored.push(...strings(value, key));
        break;
      case 'override':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          problem('`override` must map error / warning / info / style to lists of rule ids', value);
          break;
        }
        for (const p of value.items) {
          const level = isScalar(p.key) ? String(p.key.value) : '';
          const severity = OVERRIDE_LEVELS[level];
          if (!severity) {
            problem(`\`override\` has no level \`${level}\` (use error, warning, info or style)`, p.key as Node);
            continue;
          }
          if (p.value === null || (isScalar(p.value) && p.value.value === null)) continue;
          for (const id of strings(p.value, `override.${level}`)) if (!(id in config.override)) config.override[id] = severity;
        }
        break;
      case 'trustedRegistries':
      case 'trusted-registries':
        config.trustedRegistries.push(...strings(value, key));
        break;
      case 'label-schema':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          problem('`label-schema` must map label names to types', value);
          break;
        }
        for (const p of value.items) {
          const name = isScalar(p.key) ? String(p.key.value) : '';
          const type = isScalar(p.value) ? String(p.value.value) : '';
          if (!name) problem('`label-schema` has a label without a name', p.key as Node);
          else if (!(LABEL_TYPES as readonly string[]).includes(type)) problem(`label \`${name}\` has type \`${type}\`; the types are ${LABEL_TYPES.join(', ')}`, (p.value ?? p.key) as Node);
          else config.labelSchema[name] = type as LabelType;
        }
        break;
      case 'strict-labels':
        if (isScalar(value) && typeof value.value === 'boolean') config.strictLabels = value.value;
        else problem('`strict-labels` must be true or false', value);
        break;
      case 'disable-ignore-pragma':
        if (isScalar(value) && typeof value.value === 'boolean') config.disableIgnorePragma = value.value;
        else problem('`disable-ignore-pragma` must be true or false', value);
        break;
      case 'failure-threshold': {
        const t = isScalar(value) ? THRESHOLDS[String(value.value)] : undefined;
        if (t) config.failureThreshold = t;
        else problem('`failure-threshold` must be one of error, warning, info, style, ignore, none', value);
        break;
      }
      default:
        if (!CLI_ONLY.has(key)) problem(`unknown key \`${key}\` (ignored)`, keyNode);
    }
  }
  return config;
}

const cache = new Map<string, { mtimeMs: number; size: number; config: HadolintConfig }>();

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

const isInside = (dir: string, root: string) => {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The configuration file nearest to `dockerfilePath`: its folder first, then each parent up to the
 * workspace root holding it (of `roots`). Outside every root, the search stops at a folder with `.git`.
 */
export function findHadolintConfig(dockerfilePath: string, roots: string[] = []): string | null {
  if (!path.isAbsolute(dockerfilePath)) return null;
  let dir = path.dirname(path.resolve(dockerfilePath));
  const root = roots.map((r) => path.resolve(r)).filter((r) => isInside(dir, r)).sort((a, b) => b.length - a.length)[0];
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (isFile(p)) return p;
    }
    if (root ? dir === root : fs.existsSync(path.join(dir, '.git'))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The git work tree holding `dir` (the nearest folder with `.git`), else `dir` itself. */
export function projectRoot(dir: string): string {
  const start = path.resolve(dir);
  for (let d = start; ; ) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) return start;
    d = parent;
  }
}

/** Reads (or re-uses, while its modification time and size hold) a configuration file. */
export function readHadolintConfig(file: string): HadolintConfig {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    return { ...emptyConfig(file), problems: [{ message: `cannot be read: ${(e as Error).message}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.config;
  let config: HadolintConfig;
  try {
    config = st.size > 1024 * 1024
      ? { ...emptyConfig(file), problems: [{ message: 'is larger than 1 MB and was not read', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] }
      : parseHadolintConfig(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    config = { ...emptyConfig(file), problems: [{ message: `cannot be read: ${(e as Error).message}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  }
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, config });
  if (cache.size > 64) cache.delete(cache.keys().next().value as string);
  return config;
}

/** Rule ids that an id also names: the rules that carry it as an alias (hadolint's DL3024 is BuildKit's DuplicateStageName). */
function sameRules(id: string): string[] {
  return DOCKERFILE_RULES.filter((r) => r.meta.aliases?.includes(id)).map((r) => r.meta.id);
}

/** Overrides with each alias id also set on the rules that carry it (an id given itself wins). */
export function withAliases(overrides: RuleOverrides): RuleOverrides {
  const out: RuleOverrides = {};
  for (const [id, setting] of Object.entries(overrides)) for (const other of sameRules(id)) if (!(other in overrides)) out[other] = setting;
  return Object.assign(out, overrides);
}

/** Per configuration read (a file's configuration object lives until the file changes). */
const overridesOf = new WeakMap<HadolintConfig, RuleOverrides>();

/** The overrides a configuration asks for: `ignored` rules off (that wins), `override` severities; an alias counts for its rule. */
export function configOverrides(config: HadolintConfig): RuleOverrides {
  const known = overridesOf.get(config);
  if (known) return known;
  const out: RuleOverrides = {};
  overridesOf.set(config, out);
  const set = (id: string, setting: RuleOverrides[string]) => {
    out[id] = setting;
    for (const other of sameRules(id)) out[other] = setting;
  };
  for (const [id, severity] of Object.entries(config.override)) set(id, severity);
  for (const id of config.ignored) set(id, 'off');
  return out;
}

/**
 * What the rules get: the label schema, trusted registries, strict-labels, and the off-by-default rules
 * that a setting turns on. `rules` are Drydock's own settings (drydock.rules, --rule), which win over
 * the configuration file. Undefined when there is nothing to say (so the analysis cache key stays the same).
 */
export function ruleOptions(config: HadolintConfig | null, overrides: RuleOverrides): DockerfileRuleOptions | undefined {
  const out: DockerfileRuleOptions = {};
  const enable = Object.entries(overrides).filter(([id, s]) => s !== 'off' && dockerfileRuleMeta(id)?.off).map(([id]) => id).sort();
  if (enable.length) out.enable = enable;
  if (config?.trustedRegistries.length) out.trustedRegistries = [...config.trustedRegistries];
  if (config && Object.keys(config.labelSchema).length) out.labelSchema = { ...config.labelSchema };
  if (config?.strictLabels) out.strictLabels = true;
  if (config?.disableIgnorePragma) out.disableIgnorePragma = true;
  return Object.keys(out).length ? out : undefined;
}

/** The rule id of findings about the configuration file itself. */
export const CONFIG_RULE = 'drydock/hadolint-config';

/** A configuration's problems as findings on the Dockerfile it configures (first line), pointing at the file. */
export function configFindings(config: HadolintConfig, dockerfileText: string): Finding[] {
  if (config.problems.length === 0) return [];
  const firstLine = dockerfileText.split('\n', 1)[0].replace(/\r$/, '');
  const range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } };
  return config.problems.map((p) => ({
    rule: CONFIG_RULE,
    severity: 'warning' as const,
    message: `hadolint configuration ${config.path}, line ${p.range.start.line + 1}: ${p.message}${p.message.startsWith('not valid YAML') ? ' (the whole file is ignored)' : ''}.`,
    range,
    related: [{ path: config.path, range: p.range, message: p.message }],
  }));
}

/** Whether a path names a hadolint configuration file. */
export const isHadolintConfigPath = (file: string): boolean => CONFIG_NAMES.includes(path.basename(file));

/** The problems of a configuration file's text, as findings on that file (for the editor showing it). */
export function configFileFindings(text: string, file: string): Finding[] {
  return parseHadolintConfig(text, file).problems.map((p) => ({ rule: CONFIG_RULE, severity: 'warning' as const, message: `hadolint configuration: ${p.message}.`, range: p.range }));
}

export interface HadolintSettings {
  config: HadolintConfig | null;
  /** The configuration's overrides with Drydock's own on top. */
  overrides: RuleOverrides;
  options: DockerfileRuleOptions | undefined;
}

/**
 * Which configuration file serves a folder, remembered for a moment: the search stats a few folders, and an
 * editor analyses on every keystroke. `forgetHadolintLookups` (on a watched-file change) drops it at once.
 */
const lookups = new Map<string, { at: number; file: string | null }>();
const LOOKUP_TTL_MS = 2000;

export function forgetHadolintLookups(): void {
  lookups.clear();
}

function nearestConfig(dockerfilePath: string, roots: string[]): string | null {
  const key = `${path.dirname(dockerfilePath)}\0${roots.join('\0')}`;
  const now = Date.now();
  const hit = lookups.get(key);
  if (hit && now - hit.at < LOOKUP_TTL_MS) return hit.file;
  const file = findHadolintConfig(dockerfilePath, roots);
  lookups.set(key, { at: now, file });
  if (lookups.size > 256) lookups.delete(lookups.keys().next().value as string);
  return file;
}

/** Everything the nearest configuration file says for one Dockerfile, merged with Drydock's own rule settings. */
export function hadolintSettingsFor(dockerfilePath: string, roots: string[], userRules: RuleOverrides = {}): HadolintSettings {
  let file = nearestConfig(dockerfilePath, roots);
  if (file && !isFile(file)) {
    // Deleted since it was found: look again.
    lookups.clear();
    file = nearestConfig(dockerfilePath, roots);
  }
  const config = file ? readHadolintConfig(file) : null;
  const overrides = { ...(config ? configOverrides(config) : {}), ...withAliases(userRules) };
  return { config, overrides, options: ruleOptions(config, overrides) };
}
