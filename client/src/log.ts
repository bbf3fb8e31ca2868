import * as vscode from 'vscode';

/** `drydock.logLevel`: which of Drydock's messages (its own and the language server's) reach the output channel. */
export type DrydockLogLevel = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<DrydockLogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export function parseLogLevel(v: unknown): DrydockLogLevel {
  return typeof v === 'string' && v in ORDER ? (v as DrydockLogLevel) : 'info';
}

/** True when a message of `level` is written under the setting `threshold`. */
export function passes(level: DrydockLogLevel, threshold: DrydockLogLevel): boolean {
  return ORDER[level] <= ORDER[threshold];
}

/**
 * The server's `connection.console.log` lines arrive through appendLine; the server prefixes each
 * with its level (`[debug] …`). Lines without a prefix count as debug.
 */
export function levelOfLine(line: string): DrydockLogLevel {
  const m = /^\[(error|warn|info|debug)\]/.exec(line);
  return m ? (m[1] as DrydockLogLevel) : 'debug';
}

/**
 * Wraps the Drydock output channel so that both the extension's messages and the language server's
 * (forwarded by the language client through the same channel) honour `drydock.logLevel`. VS Code's
 * own level for the channel still applies on top; when it would hide debug lines the user asked for,
 * they are written at info level with a `[debug]` mark instead.
 */
export function leveledChannel(real: vscode.LogOutputChannel, threshold: () => DrydockLogLevel): vscode.LogOutputChannel {
  const debug = (message: string, ...args: unknown[]) => {
    if (!passes('debug', threshold())) return;
    if (real.logLevel !== vscode.LogLevel.Off && real.logLevel > vscode.LogLevel.Debug) real.info(`[debug] ${message}`, ...args);
    else real.debug(message, ...args);
  };
  const overrides: Partial<vscode.LogOutputChannel> = {
    error: (message: string | Error, ...args: unknown[]) => real.error(message, ...args),
    warn: (message: string, ...args: unknown[]) => {
      if (passes('warn', threshold())) real.warn(message, ...args);
    },
    info: (message: string, ...args: unknown[]) => {
      if (passes('info', threshold())) real.info(message, ...args);
    },
    debug,
    trace: (message: string, ...args: unknown[]) => real.trace(message, ...args),
    appendLine: (line: string) => {
      const level = levelOfLine(line);
      if (!passes(level, threshold())) return;
      if (level === 'debug') debug(line.replace(/^\[debug\]\s*/, ''));
      else real.appendLine(line);
    },
  };
  return new Proxy(real, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop as keyof typeof overrides];
      // Getters (logLevel, name) and methods run against the real channel, not the proxy.
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
