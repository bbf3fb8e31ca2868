/**
 * Label selectors with apimachinery's semantics: the string syntax of labels.Parse
 * (`x=a,y!=b,z in (a,b),w notin (c),k,!k,n>1`) and metav1.LabelSelector objects.
 */
import { isLabelValue, isQualifiedName } from './names';

export type SelectorOperator =
  | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'DoubleEquals' | 'NotEquals' | 'GreaterThan' | 'LessThan';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  /** Sorted and de-duplicated. */
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

export interface LabelSelector {
  matches(labels: Labels | null | undefined): boolean;
  toString(): string;
  /** The requirements, sorted by key (empty for "everything" and for "nothing"). */
  readonly requirements: readonly Requirement[];
  /** True for the selector that selects everything ({} or ""). */
  readonly empty: boolean;
  /** True for the selector that selects nothing (a null LabelSelector). */
  readonly matchesNothing: boolean;
  /** Aliases: `nothing` = matchesNothing, `everything` = empty. */
  readonly nothing: boolean;
  readonly everything: boolean;
}

/** Alias of LabelSelector. */
export type Selector = LabelSelector;

export class SelectorError extends Error {
  /** The field at fault when a requirement is invalid ("key", "values", "values[0]", "operator"). */
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

function getLabel(labels: Labels | null | undefined, key: string): string | undefined {
  if (!labels) return undefined;
  if (labels instanceof Map) return labels.get(key);
  const rec = labels as Readonly<Record<string, string>>;
  if (!Object.prototype.hasOwnProperty.call(rec, key)) return undefined;
  const v = rec[key];
  return v === null || v === undefined ? undefined : String(v);
}

const INT_RE = /^[+-]?[0-9]+$/;
const parseInt64 = (s: string): bigint | null => {
  if (!INT_RE.test(s)) return null;
  const v = BigInt(s);
  return v > (1n << 63n) - 1n || v < -(1n << 63n) ? null : v;
};

export function requirementMatches(r: Requirement, labels: Labels | null | undefined): boolean {
  const v = getLabel(labels, r.key);
  switch (r.operator) {
    case 'In':
    case 'Equals':
    case 'DoubleEquals':
      return v !== undefined && r.values.includes(v);
    case 'NotIn':
    case 'NotEquals':
      return v === undefined || !r.values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'GreaterThan':
    case 'LessThan': {
      if (v === undefined || r.values.length !== 1) return false;
      const have = parseInt64(v);
      const want = parseInt64(r.values[0]);
      if (have === null || want === null) return false;
      return r.operator === 'GreaterThan' ? have > want : have < want;
    }
    default:
      return false;
  }
}

export function requirementToString(r: Requirement): string {
  let out = r.operator === 'DoesNotExist' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'Exists':
    case 'DoesNotExist':
      return out;
    case 'Equals': out += '='; break;
    case 'DoubleEquals': out += '=='; break;
    case 'NotEquals': out += '!='; break;
    case 'In': out += ' in '; break;
    case 'NotIn': out += ' notin '; break;
    case 'GreaterThan': out += '>'; break;
    case 'LessThan': out += '<'; break;
  }
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.operator === 'In' || r.operator === 'NotIn' ? `${out}(${vals})` : out + vals;
}

/**
 * Builds one requirement with apimachinery's checks (NewRequirement); throws SelectorError naming
 * the field at fault ("key", "values" or "operator").
 */
export function newRequirement(key: string, operator: SelectorOperator, values: readonly string[]): Requirement {
  const problems: Array<[field: string, message: string]> = [];
  for (const m of isQualifiedName(key)) problems.push(['key', `key: Invalid value: ${JSON.stringify(key)}: ${m}`]);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) problems.push(['values', "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"]);
      break;
    case 'Equals':
    case 'DoubleEquals':
    case 'NotEquals':
      if (values.length !== 1) problems.push(['values', 'values: Invalid value: exact-match compatibility requires one single value']);
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) problems.push(['values', 'values: Invalid value: values set must be empty for exists and does not exist']);
      break;
    case 'GreaterThan':
    case 'LessThan':
      if (values.length !== 1) problems.push(['values', "values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required"]);
      values.forEach((v, i) => {
        if (parseInt64(v) === null) problems.push([`values[${i}]`, `values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`]);
      });
      break;
    default:
      problems.push(['operator', `operator: Unsupported value: ${JSON.stringify(operator)}`]);
  }
  values.forEach((v, i) => {
    for (const m of isLabelValue(v)) problems.push([`values[${i}][${key}]`, `values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${m}`]);
  });
  if (problems.length > 0) throw new SelectorError(problems.map((p) => p[1]).join('; '), problems[0][0]);
  return { key, operator, values: [...new Set(values)].sort() };
}

class SelectorImpl implements LabelSelector {
  constructor(readonly requirements: readonly Requirement[], readonly matchesNothing = false) {}
  get empty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }
  get nothing(): boolean {
    return this.matchesNothing;
  }
  get everything(): boolean {
    return this.empty;
  }
  matches(labels: Labels | null | undefined): boolean {
    if (this.matchesNothing) return false;
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }
}

function sortedByKey(reqs: Requirement[]): Requirement[] {
  return reqs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** A selector from requirements (ANDed), sorted by key as apimachinery does. */
export function selectorFromRequirements(reqs: Requirement[]): LabelSelector {
  return new SelectorImpl(sortedByKey(reqs));
}

export const everything = (): LabelSelector => new SelectorImpl([]);
export const nothing = (): LabelSelector => new SelectorImpl([], true);

/** Equality selector from a plain map (Service spec.selector); an empty map selects everything. */
export function selectorFromSet(set: unknown): LabelSelector {
  if (!set || typeof set !== 'object') return everything();
  return selectorFromRequirements(
    Object.entries(set as Record<string, unknown>).map(([k, v]) => ({ key: k, operator: 'Equals' as const, values: [v === null || v === undefined ? '' : String(v)] })),
  );
}

/** Alias of selectorFromSet (nodeSelector, Service spec.selector). */
export const selectorFromMap = selectorFromSet;

// ---------------------------------------------------------------------------------------------
// The string syntax.

type Tok =
  | 'ID' | 'EOS' | 'COMMA' | 'OPEN' | 'CLOSE' | 'NOT' | 'EQ' | 'DEQ' | 'NEQ' | 'GT' | 'LT' | 'IN' | 'NOTIN' | 'ERR';

const SPECIAL = '=!(),><';
const SYMBOLS: Record<string, Tok> = { '!': 'NOT', '!=': 'NEQ', '=': 'EQ', '==': 'DEQ', '(': 'OPEN', ')': 'CLOSE', ',': 'COMMA', '>': 'GT', '<': 'LT' };
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(input: string): Array<{ tok: Tok; lit: string }> {
  const out: Array<{ tok: Tok; lit: string }> = [];
  let i = 0;
  for (;;) {
    while (i < input.length && isSpace(input[i])) i++;
    if (i >= input.length) {
      out.push({ tok: 'EOS', lit: '' });
      return out;
    }
    const c = input[i];
    if (SPECIAL.includes(c)) {
      let lit = '';
      let tok: Tok | undefined;
      while (i < input.length && SPECIAL.includes(input[i]) && SYMBOLS[lit + input[i]] !== undefined) {
        lit += input[i];
        tok = SYMBOLS[lit];
        i++;
      }
      if (tok === undefined) {
        out.push({ tok: 'ERR', lit: input[i] });
        i++;
        continue;
      }
      out.push({ tok, lit });
      continue;
    }
    const start = i;
    while (i < input.length && !isSpace(input[i]) && !SPECIAL.includes(input[i])) i++;
    const lit = input.slice(start, i);
    out.push({ tok: lit === 'in' ? 'IN' : lit === 'notin' ? 'NOTIN' : 'ID', lit });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Array<{ tok: Tok; lit: string }>) {}
  /** In "values" mode the keywords in/notin are plain identifiers. */
  private peek(values: boolean): { tok: Tok; lit: string } {
    const t = this.toks[Math.min(this.pos, this.toks.length - 1)];
    return values && (t.tok === 'IN' || t.tok === 'NOTIN') ? { tok: 'ID', lit: t.lit } : t;
  }
  private next(values: boolean): { tok: Tok; lit: string } {
    const t = this.peek(values);
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.peek(true);
      if (t.tok === 'EOS') return reqs;
      if (t.tok !== 'ID' && t.tok !== 'NOT') throw new SelectorError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirement());
      const after = this.next(true);
      if (after.tok === 'EOS') return reqs;
      if (after.tok !== 'COMMA') throw new SelectorError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek(true);
      if (t2.tok !== 'ID' && t2.tok !== 'NOT') throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let t = this.next(true);
    let op: SelectorOperator | undefined;
    if (t.tok === 'NOT') {
      op = 'DoesNotExist';
      t = this.next(true);
    }
    if (t.tok !== 'ID') throw new SelectorError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new SelectorError(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const la = this.peek(true).tok;
    if (la === 'EOS' || la === 'COMMA') op ??= 'Exists';
    if (op === 'Exists' || op === 'DoesNotExist') return newRequirement(key, op, []);
    const o = this.next(false);
    const ops: Partial<Record<Tok, SelectorOperator>> = { IN: 'In', NOTIN: 'NotIn', EQ: 'Equals', DEQ: 'DoubleEquals', NEQ: 'NotEquals', GT: 'GreaterThan', LT: 'LessThan' };
    const operator = ops[o.tok];
    if (!operator) throw new SelectorError(`found '${o.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    const values = operator === 'In' || operator === 'NotIn' ? this.setValues() : this.exactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private setValues(): Set<string> {
    const open = this.next(true);
    if (open.tok !== 'OPEN') throw new SelectorError(`found '${open.lit}' expected: '('`);
    const la = this.peek(true);
    if (la.tok === 'CLOSE') {
      this.next(true);
      return new Set(['']);
    }
    if (la.tok !== 'ID' && la.tok !== 'COMMA') throw new SelectorError(`found '${la.lit}', expected: ',', ')' or identifier`);
    const s = this.identifierList();
    const close = this.next(true);
    if (close.tok !== 'CLOSE') throw new SelectorError(`found '${close.lit}', expected: ')'`);
    return s;
  }

  /** A comma-separated list of identifiers in which empty items stand for the empty value. */
  private identifierList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const t = this.peek(true);
      if (t.tok === 'ID') {
        this.next(true);
        s.add(t.lit);
        const t2 = this.peek(true);
        if (t2.tok === 'CLOSE') return s;
        if (t2.tok !== 'COMMA') throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
        this.next(true);
        if (this.peek(true).tok === 'CLOSE') {
          s.add('');
          return s;
        }
      } else if (t.tok === 'COMMA') {
        this.next(true);
        s.add('');
        if (this.peek(true).tok === 'CLOSE') return s;
      } else {
        throw new SelectorError(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const la = this.peek(true);
    if (la.tok === 'EOS' || la.tok === 'COMMA') return new Set(['']);
    const t = this.next(true);
    if (t.tok === 'ID') return new Set([t.lit]);
    throw new SelectorError(`found '${t.lit}', expected: identifier`);
  }
}

/** Parses the string form of a label selector; throws SelectorError on invalid input. */
export function parseLabelSelector(input: string): LabelSelector {
  if (typeof input !== 'string') throw new SelectorError('a label selector must be a string');
  return selectorFromRequirements(new Parser(lex(input)).parse());
}

const EXPRESSION_OPERATORS: Record<string, SelectorOperator> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/**
 * metav1.LabelSelector → selector (LabelSelectorAsSelector): null/undefined selects nothing, {}
 * selects everything, matchLabels and matchExpressions are ANDed. Throws SelectorError on an
 * invalid selector.
 */
export function labelSelectorFromObject(obj: unknown): LabelSelector {
  if (obj === null || obj === undefined) return nothing();
  if (typeof obj !== 'object' || Array.isArray(obj)) throw new SelectorError('a label selector must be an object');
  const o = obj as { matchLabels?: unknown; matchExpressions?: unknown };
  const ml = o.matchLabels && typeof o.matchLabels === 'object' ? Object.entries(o.matchLabels as Record<string, unknown>) : [];
  const me = Array.isArray(o.matchExpressions) ? o.matchExpressions : [];
  if (ml.length + me.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of ml) reqs.push(newRequirement(k, 'Equals', [v === null || v === undefined ? '' : String(v)]));
  for (const e of me) {
    const ex = (e ?? {}) as { key?: unknown; operator?: unknown; values?: unknown };
    const op = EXPRESSION_OPERATORS[String(ex.operator)];
    if (!op) throw new SelectorError(`${JSON.stringify(String(ex.operator ?? ''))} is not a valid label selector operator`);
    const values = Array.isArray(ex.values) ? ex.values.map((x) => String(x)) : [];
    reqs.push(newRequirement(String(ex.key ?? ''), op, values));
  }
  return selectorFromRequirements(reqs);
}
