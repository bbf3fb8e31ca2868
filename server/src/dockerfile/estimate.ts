/**
 * Rough sizes of RUN layers that only install packages, so the plan can show something better than
 * "unknown" for the commonest steps. Drydock never runs a command: every number here is an estimate,
 * marked `estimated` in the plan, from the assumptions below (docs/layers.md lists them).
 *
 * - A RUN gets an estimate only when every command in it is a package install this module knows, or a
 *   command that writes next to nothing (echo, mkdir, ln, rm, chmod, useradd, set, …). Anything else
 *   (curl | tar, make, a script) makes the size unknown, as before.
 * - Per package named on the command line, dependencies included: apt 6 MiB, apk 2 MiB, dnf/yum/microdnf
 *   6 MiB, zypper 6 MiB, pip 8 MiB, npm/yarn/pnpm 4 MiB, gem 2 MiB. An install from a manifest whose
 *   contents Drydock cannot see (`pip install -r`, `npm ci`, `bundle install`) is unknown.
 * - What package managers leave behind unless told not to: apt's lists after `apt-get update` when the same
 *   RUN does not remove /var/lib/apt/lists (20 MiB); apk's index without `--no-cache` (3 MiB); yum/dnf
 *   metadata without `clean all` (60 MiB); pip's wheel cache without `--no-cache-dir` (as much again as the
 *   packages); npm's cache without `npm cache clean` (as much again).
 */
import { allCommands, commandName, inlineScript, parseShell, type ShellCommand } from './shell/index';

const MiB = 1024 * 1024;

/** Per-package sizes (dependencies included) by package manager. */
export const PACKAGE_BYTES: Record<string, number> = {
  apt: 6 * MiB, apk: 2 * MiB, dnf: 6 * MiB, zypper: 6 * MiB, pip: 8 * MiB, npm: 4 * MiB, gem: 2 * MiB,
};
const APT_LISTS = 20 * MiB;
const APK_INDEX = 3 * MiB;
const YUM_METADATA = 60 * MiB;

/** Commands that write (next to) nothing to the filesystem. */
const NEGLIGIBLE = new Set([
  'echo', 'printf', 'true', 'false', ':', 'set', 'export', 'cd', 'mkdir', 'ln', 'rm', 'chmod', 'chown', 'chgrp', 'touch', 'test', '[',
  'useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'id', 'whoami', 'ls', 'cat', 'env', 'sed', 'update-ca-certificates', 'ldconfig',
]);

/** Options that take a separate value, so the value is not a package name. */
const VALUED: Record<string, Set<string>> = {
  apt: new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file']),
  apk: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--cache-dir', '--keys-dir']),
  dnf: new Set(['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--releasever', '--setopt', '--repo']),
  zypper: new Set(['-r', '--repo', '-t', '--type', '--from']),
  pip: new Set(['-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--cache-dir', '--timeout', '--retries']),
  npm: new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--tag']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s']),
};

const MANAGER = new Map<string, string>([
  ['apt-get', 'apt'], ['apt', 'apt'], ['apk', 'apk'], ['dnf', 'dnf'], ['yum', 'dnf'], ['microdnf', 'dnf'], ['zypper', 'zypper'],
  ['pip', 'pip'], ['pip3', 'pip'], ['npm', 'npm'], ['yarn', 'npm'], ['pnpm', 'npm'], ['gem', 'gem'],
]);
const INSTALL: Record<string, Set<string>> = {
  apt: new Set(['install']), apk: new Set(['add']), dnf: new Set(['install']), zypper: new Set(['install', 'in']),
  pip: new Set(['install']), npm: new Set(['install', 'i', 'add', 'ci']), gem: new Set(['install']),
};
/** Subcommands that change no package set (or, for update/upgrade, one Drydock cannot size). */
const MAINTENANCE = new Set(['clean', 'autoremove', 'cache', 'update', 'upgrade', 'config']);
const APT_MAINTENANCE = new Set(['clean', 'autoremove', 'autoclean']);
const NO_VALUED = new Set<string>();

/**
 * Whether a script could get an estimate at all: only when some command is a package manager. Word values
 * are runs of the script's own characters unless quotes or backslashes are removed from them, so a script
 * with neither, and no manager's name in it, has no manager command (and no estimate) without a parse.
 */
const MAY_INSTALL = /apt|apk|dnf|yum|zypper|pip|npm|yarn|gem|['"\\]/;

/** False when a script certainly gets no estimate (see MAY_INSTALL): callers can skip caching it. */
export function mayInstall(script: string): boolean {
  return MAY_INSTALL.test(script);
}

export interface RunEstimate {
  bytes: number;
  /** What the estimate counts, for people: "3 apt packages × 6 MiB", "apt lists left in the layer". */
  basis: string[];
}

/** Words after the program name, and the subcommand index (first word that is not an option). */
function split(words: string[], valued: Set<string>): { sub: string | null; rest: string[]; options: string[] } {
  const options: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w.startsWith('-')) {
      options.push(w);
      if (valued.has(w)) k++;
      continue;
    }
    const rest: string[] = [];
    for (let j = k + 1; j < words.length; j++) {
      const v = words[j];
      if (v.startsWith('-')) {
        options.push(v);
        if (valued.has(v)) j++;
        continue;
      }
      rest.push(v);
    }
    return { sub: w, rest, options };
  }
  return { sub: null, rest: [], options };
}

/**
 * The estimated size of a RUN step's layer from its shell text (continuations joined, as the plan keeps
 * it), or null when any command in it is one whose output Drydock cannot guess.
 */
export function estimateRunLayer(script: string): RunEstimate | null {
  if (!mayInstall(script)) return null;
  let commands: ShellCommand[];
  try {
    commands = allCommands(parseShell(script, { continuation: null }), script, 0);
  } catch {
    return null;
  }
  const names: Array<string | null> = new Array(commands.length);
  for (let i = 0; i < commands.length; i++) names[i] = commandName(commands[i]);
  let bytes = 0;
  const basis: string[] = [];
  let installs = 0;
  // What the whole RUN does besides installing, asked only when an install needs it.
  let removesAptLists: boolean | undefined;
  let cleansYum: boolean | undefined;
  let cleansNpm: boolean | undefined;
  for (let i = 0; i < commands.length; i++) {
    const name = names[i];
    if (!name) continue;
    const manager = MANAGER.get(name);
    if (manager === undefined) {
      // `sh -c '…'`: its commands follow in the list and are judged one by one.
      if (NEGLIGIBLE.has(name) || inlineScript(commands[i])) continue;
      return null;
    }
    const cmdWords = commands[i].words;
    const words: string[] = new Array(cmdWords.length - 1);
    for (let k = 1; k < cmdWords.length; k++) words[k - 1] = cmdWords[k].value;
    const { sub, rest, options } = split(words, VALUED[manager] ?? NO_VALUED);
    if (manager === 'apt' && sub === 'update') {
      removesAptLists ??= /\/var\/lib\/apt\/lists/.test(script) && names.includes('rm');
      if (!removesAptLists) {
        bytes += APT_LISTS;
        basis.push('apt lists left in the layer (20 MiB)');
      }
      continue;
    }
    if (manager !== 'apt' && MAINTENANCE.has(sub ?? '')) {
      if (sub === 'update' || sub === 'upgrade') return null;
      continue;
    }
    if (manager === 'apt' && APT_MAINTENANCE.has(sub ?? '')) continue;
    if (!sub || !INSTALL[manager].has(sub)) return null;
    // Installs from a file Drydock cannot read (or everything in package.json) have no package count.
    if (options.some((o) => o === '-r' || o === '--requirement' || o.startsWith('--requirement=') || o === '-e' || o === '--editable')) return null;
    if (rest.length === 0 || sub === 'ci') return null;
    if (rest.some((p) => p.includes('$') || p === '.' || p.startsWith('./') || p.startsWith('/'))) return null;
    installs++;
    const per = PACKAGE_BYTES[manager];
    bytes += rest.length * per;
    basis.push(`${rest.length} ${manager} package${rest.length === 1 ? '' : 's'} × ${per / MiB} MiB`);
    if (manager === 'apk' && !options.includes('--no-cache')) {
      bytes += APK_INDEX;
      basis.push('apk index cache (3 MiB; --no-cache avoids it)');
    }
    if (manager === 'dnf' && !(cleansYum ??= commands.some((c, k) => (names[k] === 'dnf' || names[k] === 'yum' || names[k] === 'microdnf') && c.words.some((w) => w.value === 'clean')))) {
      bytes += YUM_METADATA;
      basis.push('package metadata left in the layer (60 MiB; clean all avoids it)');
    }
    if (manager === 'pip' && !options.includes('--no-cache-dir')) {
      bytes += rest.length * per;
      basis.push("pip's wheel cache (as much again; --no-cache-dir avoids it)");
    }
    if (manager === 'npm' && !(cleansNpm ??= commands.some((c, k) => names[k] === 'npm' && c.words.some((w) => w.value === 'cache') && c.words.some((w) => w.value === 'clean')))) {
      bytes += rest.length * per;
      basis.push("npm's cache (as much again; npm cache clean --force avoids it)");
    }
  }
  if (installs === 0 && bytes === 0) return null;
  return { bytes, basis };
}
