/**
 * A small POSIX-shell reader for what Dockerfiles put in RUN: words with quotes and escapes,
 * the operators that join commands (`&&`, `||`, `;`, `|`, `&`, newlines), redirections, comments,
 * Dockerfile line continuations (the escape character before a line end, and comment lines inside
 * a continuation, which the builder drops), `$(…)` and backquotes kept inside their word.
 * Every word keeps its offsets in the source, so findings point at the exact word.
 *
 * Written here rather than taken from npm: the parsers there (shell-quote, bash-parser) either
 * drop positions or are large and unmaintained, and positions are the point.
 */
export interface ShellWord {
  /** The word after quote removal and escapes. */
  value: string;
  /** Offsets in the text handed to parseShell, plus `base`. */
  start: number;
  end: number;
  /** True when any part of the word was quoted. */
  quoted: boolean;
}

export interface ShellCommand {
  /** Words of the simple command, without leading VAR=value assignments and redirections. */
  words: ShellWord[];
  /** Leading VAR=value assignments. */
  assignments: ShellWord[];
  /** The operator that follows this command: '&&', '||', ';', '|', '&', '\n' or null at the end. */
  op: string | null;
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
}

export interface ShellOptions {
  /** Offset added to every position (where the script starts in the document). */
  base?: number;
  /** The Dockerfile escape character that continues a line (\ or `); null for a plain script. */
  continuation?: string | null;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseShell(src: string, options: ShellOptions = {}): ShellScript {
  const base = options.base ?? 0;
  const cont = options.continuation === undefined ? '\\' : options.continuation;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let assignments: ShellWord[] = [];
  let cmdStart = -1;
  let value = '';
  let wordStart = -1;
  let quoted = false;
  let skipNextWord = false; // the target of a redirection
  let i = 0;
  const n = src.length;

  const endWord = (end: number) => {
    if (wordStart < 0) return;
    const w: ShellWord = { value, start: base + wordStart, end: base + end, quoted };
    if (skipNextWord) skipNextWord = false;
    else if (words.length === 0 && ASSIGNMENT.test(value) && !quoted) assignments.push(w);
    else words.push(w);
    value = '';
    wordStart = -1;
    quoted = false;
  };
  const startWord = (at: number) => {
    if (wordStart < 0) wordStart = at;
    if (cmdStart < 0) cmdStart = at;
  };
  const endCommand = (op: string | null, end: number) => {
    if (words.length || assignments.length) {
      commands.push({ words, assignments, op, start: base + cmdStart, end: base + end });
    } else if (op && commands.length && commands[commands.length - 1].op === '\n' && op !== '\n') {
      commands[commands.length - 1].op = op;
    }
    words = [];
    assignments = [];
    cmdStart = -1;
  };
  /** Skips a continuation (escape + line end) and the comment or blank lines the builder drops after it. */
  const skipContinuation = (): boolean => {
    if (!cont || src[i] !== cont) return false;
    let j = i + 1;
    while (j < n && (src[j] === ' ' || src[j] === '\t')) j++;
    if (src[j] === '\r' && src[j + 1] === '\n') j += 2;
    else if (src[j] === '\n' || src[j] === '\r') j += 1;
    else return false;
    // Lines that are only a comment inside a continuation are removed by the Dockerfile parser.
    for (;;) {
      let k = j;
      while (k < n && (src[k] === ' ' || src[k] === '\t')) k++;
      if (src[k] !== '#') break;
      while (k < n && src[k] !== '\n' && src[k] !== '\r') k++;
      if (src[k] === '\r' && src[k + 1] === '\n') k += 2;
      else if (k < n) k += 1;
      j = k;
    }
    i = j;
    return true;
  };
  const skipBalanced = (open: string, close: string) => {
    // i points at the opening character; copies the balanced text into the word.
    let depth = 0;
    while (i < n) {
      const c = src[i];
      value += c;
      if (c === '\\' && i + 1 < n) {
        value += src[i + 1];
        i += 2;
        continue;
      }
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      }
      i++;
    }
  };

  while (i < n) {
    const c = src[i];
    if (skipContinuation()) continue;
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endWord(i);
      endCommand('\n', i);
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c === '#' && wordStart < 0) {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === "'") {
      startWord(i);
      quoted = true;
      i++;
      while (i < n && src[i] !== "'") value += src[i++];
      i++;
      continue;
    }
    if (c === '"') {
      startWord(i);
      quoted = true;
      i++;
      while (i < n && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(src[i + 1])) {
          if (src[i + 1] !== '\n') value += src[i + 1];
          i += 2;
        } else if (cont && src[i] === cont && skipContinuation()) {
          continue;
        } else if (src[i] === '$' && src[i + 1] === '(') {
          i++;
          value += '$';
          skipBalanced('(', ')');
        } else value += src[i++];
      }
      i++;
      continue;
    }
    if (c === '\\') {
      startWord(i);
      if (i + 1 < n) value += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' && src[i + 1] === '(') {
      startWord(i);
      value += '$';
      i++;
      skipBalanced('(', ')');
      continue;
    }
    if (c === '$' && src[i + 1] === '{') {
      startWord(i);
      value += '$';
      i++;
      skipBalanced('{', '}');
      continue;
    }
    if (c === '`') {
      startWord(i);
      value += c;
      i++;
      while (i < n && src[i] !== '`') {
        if (src[i] === '\\' && i + 1 < n) value += src[i++];
        value += src[i++];
      }
      if (i < n) value += src[i++];
      continue;
    }
    if (c === '&' || c === '|' || c === ';') {
      endWord(i);
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        endCommand(two, i);
        i += 2;
      } else if (c === '|' && src[i + 1] === '&') {
        endCommand('|', i);
        i += 2;
      } else if (c === ';' && src[i + 1] === ';') {
        endCommand(';', i);
        i += 2;
      } else {
        endCommand(c, i);
        i++;
      }
      continue;
    }
    if (c === '(' || c === ')' || ((c === '{' || c === '}') && wordStart < 0 && /[\s;]/.test(src[i + 1] ?? ' '))) {
      endWord(i);
      endCommand(';', i);
      i++;
      continue;
    }
    if ((c === '>' || c === '<') && (wordStart < 0 || /^\d+$/.test(value))) {
      // A redirection: drop an fd number already read, then the operator, then its target word.
      if (wordStart >= 0) {
        value = '';
        wordStart = -1;
        quoted = false;
      }
      if (cmdStart < 0) cmdStart = i;
      let j = i + 1;
      if (src[j] === c || src[j] === '&' || src[j] === '|') j++;
      if (c === '<' && src[i + 1] === '<') {
        // A heredoc marker (<<EOF, <<-EOF): its word is the delimiter; the body is not ours to read here.
        if (src[j] === '-') j++;
      }
      i = j;
      if (src[i - 1] === '&' && /\d|-/.test(src[i] ?? '')) {
        while (i < n && /[\d-]/.test(src[i])) i++;
        continue;
      }
      skipNextWord = true;
      continue;
    }
    startWord(i);
    value += c;
    i++;
  }
  endWord(n);
  endCommand(null, n);
  return { commands };
}

/** The program a command runs, without a leading path: `/usr/bin/apt-get` → `apt-get`. */
export function commandName(cmd: ShellCommand): string | null {
  const w = cmd.words[0];
  if (!w) return null;
  const v = w.value;
  const slash = v.lastIndexOf('/');
  return slash >= 0 ? v.slice(slash + 1) : v;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/**
 * The script of `sh -c '…'` (and bash, ash, …) as a word, so callers can parse it in turn;
 * null when the command is not a shell given a script.
 */
export function inlineScript(cmd: ShellCommand): ShellWord | null {
  const name = commandName(cmd);
  if (!name || !SHELLS.has(name)) return null;
  for (let k = 1; k < cmd.words.length - 1; k++) {
    const w = cmd.words[k].value;
    if (/^-[a-z]*c[a-z]*$/i.test(w) && !w.startsWith('--')) return cmd.words[k + 1];
    if (!w.startsWith('-')) return null;
  }
  return null;
}

/**
 * Every simple command of a script, including those inside `sh -c` strings (parsed from the source
 * when the string is a single quoted word, so positions stay exact).
 */
export function allCommands(script: ShellScript, source: string, base: number, depth = 0): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const cmd of script.commands) {
    out.push(cmd);
    const inner = depth < 3 ? inlineScript(cmd) : null;
    if (!inner) continue;
    const raw = source.slice(inner.start - base, inner.end - base);
    const q = raw[0];
    if ((q === '"' || q === "'") && raw.endsWith(q) && raw.length >= 2) {
      const body = raw.slice(1, -1);
      const innerScript = parseShell(body, { base: inner.start + 1, continuation: null });
      out.push(...allCommands(innerScript, source, base, depth + 1));
    } else {
      const innerScript = parseShell(inner.value, { base: inner.start, continuation: null });
      // Positions inside an unquoted or escaped word are approximate: clamp them to the word.
      for (const c of allCommands(innerScript, inner.value, inner.start, depth + 1)) {
        for (const w of c.words) {
          w.start = inner.start;
          w.end = inner.end;
        }
        out.push(c);
      }
    }
  }
  return out;
}
