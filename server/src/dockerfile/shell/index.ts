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

/**
 * Characters that end nothing and start nothing inside a word (1), by char code: letters, digits and
 * `-_./:=,+@%~^!?*[]`. Not the escape characters (\ and `), which may also be the line continuation.
 */
const PLAIN = new Uint8Array(128);
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,+@%~^!?*[]') PLAIN[ch.charCodeAt(0)] = 1;

export function parseShell(src: string, options: ShellOptions = {}): ShellScript {
  const cont = options.continuation === undefined ? '\\' : options.continuation;
  return new ShellReader(src, options.base ?? 0, cont).read();
}

/** One pass over a script (a class rather than closures: a parse allocates one object, not five functions and their context). */
class ShellReader {
  private readonly commands: ShellCommand[] = [];
  private words: ShellWord[] = [];
  private assignments: ShellWord[] = [];
  private cmdStart = -1;
  private value = '';
  private wordStart = -1;
  private quoted = false;
  /** The next word is the target of a redirection. */
  private skipNextWord = false;
  private i = 0;
  private readonly n: number;

  constructor(private readonly src: string, private readonly base: number, private readonly cont: string | null) {
    this.n = src.length;
  }

  private endWord(end: number): void {
    if (this.wordStart < 0) return;
    const w: ShellWord = { value: this.value, start: this.base + this.wordStart, end: this.base + end, quoted: this.quoted };
    if (this.skipNextWord) this.skipNextWord = false;
    else if (this.words.length === 0 && ASSIGNMENT.test(this.value) && !this.quoted) this.assignments.push(w);
    else this.words.push(w);
    this.value = '';
    this.wordStart = -1;
    this.quoted = false;
  }

  private startWord(at: number): void {
    if (this.wordStart < 0) this.wordStart = at;
    if (this.cmdStart < 0) this.cmdStart = at;
  }

  private endCommand(op: string | null, end: number): void {
    const commands = this.commands;
    if (this.words.length || this.assignments.length) {
      commands.push({ words: this.words, assignments: this.assignments, op, start: this.base + this.cmdStart, end: this.base + end });
    } else if (op && commands.length && commands[commands.length - 1].op === '\n' && op !== '\n') {
      commands[commands.length - 1].op = op;
    }
    this.words = [];
    this.assignments = [];
    this.cmdStart = -1;
  }

  /** Skips a continuation (escape + line end) and the comment or blank lines the builder drops after it. */
  private skipContinuation(): boolean {
    const src = this.src;
    const n = this.n;
    if (!this.cont || src[this.i] !== this.cont) return false;
    let j = this.i + 1;
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
    this.i = j;
    return true;
  }

  /** At the opening character: copies the balanced text into the word. */
  private skipBalanced(open: string, close: string): void {
    const src = this.src;
    const n = this.n;
    let depth = 0;
    while (this.i < n) {
      const c = src[this.i];
      this.value += c;
      if (c === '\\' && this.i + 1 < n) {
        this.value += src[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          this.i++;
          return;
        }
      }
      this.i++;
    }
  }

  read(): ShellScript {
    const src = this.src;
    const n = this.n;
    const cont = this.cont;
    while (this.i < n) {
      const c = src[this.i];
      if (this.skipContinuation()) continue;
      if (c === ' ' || c === '\t') {
        this.endWord(this.i);
        this.i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        this.endWord(this.i);
        this.endCommand('\n', this.i);
        this.i += c === '\r' && src[this.i + 1] === '\n' ? 2 : 1;
        continue;
      }
      if (c === '#' && this.wordStart < 0) {
        while (this.i < n && src[this.i] !== '\n' && src[this.i] !== '\r') this.i++;
        continue;
      }
      if (c === "'") {
        this.startWord(this.i);
        this.quoted = true;
        this.i++;
        // Nothing is special inside single quotes: the text up to the closing quote (or the end) joins the word.
        const close = src.indexOf("'", this.i);
        const stop = close < 0 ? n : close;
        this.value += src.slice(this.i, stop);
        this.i = stop + 1;
        continue;
      }
      if (c === '"') {
        this.startWord(this.i);
        this.quoted = true;
        this.i++;
        while (this.i < n && src[this.i] !== '"') {
          if (src[this.i] === '\\' && this.i + 1 < n && '"\\$`\n'.includes(src[this.i + 1])) {
            if (src[this.i + 1] !== '\n') this.value += src[this.i + 1];
            this.i += 2;
          } else if (cont && src[this.i] === cont && this.skipContinuation()) {
            continue;
          } else if (src[this.i] === '$' && src[this.i + 1] === '(') {
            this.i++;
            this.value += '$';
            this.skipBalanced('(', ')');
          } else this.value += src[this.i++];
        }
        this.i++;
        continue;
      }
      if (c === '\\') {
        this.startWord(this.i);
        if (this.i + 1 < n) this.value += src[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '$' && (src[this.i + 1] === '(' || src[this.i + 1] === '{')) {
        // $( … ) and ${ … }: kept whole in the word, nested pairs balanced.
        const open = src[this.i + 1];
        this.startWord(this.i);
        this.value += '$';
        this.i++;
        this.skipBalanced(open, open === '(' ? ')' : '}');
        continue;
      }
      if (c === '`') {
        this.startWord(this.i);
        this.value += c;
        this.i++;
        while (this.i < n && src[this.i] !== '`') {
          if (src[this.i] === '\\' && this.i + 1 < n) this.value += src[this.i++];
          this.value += src[this.i++];
        }
        if (this.i < n) this.value += src[this.i++];
        continue;
      }
      if (c === '&' || c === '|' || c === ';') {
        this.endWord(this.i);
        const two = src.slice(this.i, this.i + 2);
        if (two === '&&' || two === '||') {
          this.endCommand(two, this.i);
          this.i += 2;
        } else if (c === '|' && src[this.i + 1] === '&') {
          this.endCommand('|', this.i);
          this.i += 2;
        } else if (c === ';' && src[this.i + 1] === ';') {
          this.endCommand(';', this.i);
          this.i += 2;
        } else {
          this.endCommand(c, this.i);
          this.i++;
        }
        continue;
      }
      if (c === '(' || c === ')' || ((c === '{' || c === '}') && this.wordStart < 0 && /[\s;]/.test(src[this.i + 1] ?? ' '))) {
        this.endWord(this.i);
        this.endCommand(';', this.i);
        this.i++;
        continue;
      }
      if ((c === '>' || c === '<') && (this.wordStart < 0 || /^\d+$/.test(this.value))) {
        // A redirection: drop an fd number already read, then the operator, then its target word.
        if (this.wordStart >= 0) {
          this.value = '';
          this.wordStart = -1;
          this.quoted = false;
        }
        if (this.cmdStart < 0) this.cmdStart = this.i;
        let j = this.i + 1;
        if (src[j] === c || src[j] === '&' || src[j] === '|') j++;
        if (c === '<' && src[this.i + 1] === '<') {
          // A heredoc marker (<<EOF, <<-EOF): its word is the delimiter; the body is not ours to read here.
          if (src[j] === '-') j++;
        }
        this.i = j;
        if (src[this.i - 1] === '&' && /\d|-/.test(src[this.i] ?? '')) {
          while (this.i < n && /[\d-]/.test(src[this.i])) this.i++;
          continue;
        }
        this.skipNextWord = true;
        continue;
      }
      this.startWord(this.i);
      // The characters that follow and mean nothing to the shell join the word in one slice.
      let j = this.i + 1;
      while (j < n && PLAIN[src.charCodeAt(j)] === 1) j++;
      this.value += j === this.i + 1 ? c : src.slice(this.i, j);
      this.i = j;
    }
    this.endWord(n);
    this.endCommand(null, n);
    return { commands: this.commands };
  }
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
