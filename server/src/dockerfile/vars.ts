/**
 * Variable expansion as the Dockerfile frontend does it for ADD, COPY, ENV, WORKDIR and the
 * like: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}` (and the colon-less forms),
 * with an escaped `\$` left alone. Unknown variables expand to the empty string.
 */
export function expandVariables(text: string, env: ReadonlyMap<string, string | null>, escape = '\\'): string {
  // Without a `$` there is nothing to expand (an escape only matters before one): most arguments.
  if (text.indexOf('$') < 0) return text;
  let out = '';
  // Start of the literal run not yet copied to `out`.
  let lit = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === escape && text[i + 1] === '$') {
      out += text.slice(lit, i) + '$';
      i++;
      lit = i + 1;
      continue;
    }
    if (c !== '$') continue;
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) return out + text.slice(lit);
      out += text.slice(lit, i);
      const m = BRACED.exec(text.slice(i + 2, close));
      if (!m) {
        out += text.slice(i, close + 1);
      } else {
        const [, name, colon, op, word] = m;
        const value = env.get(name);
        const set = value !== undefined && value !== null && (colon ? value !== '' : true);
        if (op === '-') out += set ? value : expandVariables(word ?? '', env, escape);
        else if (op === '+') out += set ? expandVariables(word ?? '', env, escape) : '';
        else out += value ?? '';
      }
      i = close;
      lit = close + 1;
      continue;
    }
    const end = nameEnd(text, i + 1);
    // A `$` not followed by a name stays as it is (part of the literal run).
    if (end === i + 1) continue;
    out += text.slice(lit, i) + (env.get(text.slice(i + 1, end)) ?? '');
    i = end - 1;
    lit = end;
  }
  return lit === 0 ? text : out + text.slice(lit);
}

const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])(.*))?$/s;

/** Where a variable name (`[A-Za-z_][A-Za-z0-9_]*`) starting at `from` ends; `from` when there is none. */
function nameEnd(text: string, from: number): number {
  const n = text.length;
  if (from >= n) return from;
  const c0 = text.charCodeAt(from);
  // A–Z, a–z, _
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return from;
  let j = from + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57)) j++;
    else break;
  }
  return j;
}

/** Names of the variables a text refers to (`$NAME` or `${NAME…`), each once, in order of first use. */
export function referencedVariables(text: string): string[] {
  const names: string[] = [];
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const start = text.charCodeAt(i + 1) === 123 /* { */ ? i + 2 : i + 1;
    const end = nameEnd(text, start);
    if (end === start) continue;
    const name = text.slice(start, end);
    if (!names.includes(name)) names.push(name);
    i = end - 1;
  }
  return names;
}
