/**
 * Variable expansion as the Dockerfile frontend does it for ADD, COPY, ENV, WORKDIR and the
 * like: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alternative}` (and the colon-less forms),
 * with an escaped `\$` left alone. Unknown variables expand to the empty string.
 */
export function expandVariables(text: string, env: ReadonlyMap<string, string | null>, escape = '\\'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])(.*))?$/s.exec(body);
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
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    out += env.get(m[0]) ?? '';
    i += m[0].length;
  }
  return out;
}

/** Names of the variables a text refers to. */
export function referencedVariables(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) names.add(m[1] ?? m[2]);
  return [...names];
}
