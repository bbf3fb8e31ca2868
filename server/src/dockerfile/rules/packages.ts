import type { ShellWord } from '../shell/index';
import type { DockerfileFacts, RunCommand } from './facts';

/** Options of a package manager that take a separate value (so the value is not a package name). */
const VALUE_OPTIONS_OF: Record<string, Set<string>> = {
  'apt-get': new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file']),
  apt: new Set(['-o', '-t', '-c']),
  apk: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--cache-dir', '--keys-dir']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--cache-dir', '--proxy', '--timeout', '--retries', '--exists-action', '--cert', '--client-cert', '--no-binary', '--only-binary']),
  npm: new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--tag']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform']),
  yum: new Set(['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--releasever', '--setopt']),
  dnf: new Set(['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--releasever', '--setopt', '--repo']),
  microdnf: new Set(['--enablerepo', '--disablerepo', '--setopt', '--releasever']),
  zypper: new Set(['-r', '--repo', '-t', '--type', '--from']),
};

const VALUE_OPTIONS = new Map(Object.entries(VALUE_OPTIONS_OF));
const NO_OPTIONS = new Set<string>();

/** Programs that are another name of a package manager. */
const ALIASES = new Map([['pip3', 'pip'], ['pip2', 'pip']]);

export function managerOf(c: RunCommand): string {
  return ALIASES.get(c.name) ?? c.name;
}

/** The RUN commands of the file that run one of `managers` (`pip3` counts as `pip`), in file order. Shared: do not modify. */
export function managerCommands(f: DockerfileFacts, managers: readonly string[]): readonly RunCommand[] {
  if (managers.length === 1 && managers[0] !== 'pip') return f.runCommandsNamed(managers[0]);
  // Keyed by the (constant) list itself.
  return f.shared(managers, () => f.allRunCommands().filter((c) => managers.includes(managerOf(c))));
}

/** The position of the subcommand (e.g. `install`) among the arguments, skipping options before it. */
export function subcommandIndex(c: RunCommand, names: string[]): number {
  const valued = VALUE_OPTIONS.get(managerOf(c)) ?? NO_OPTIONS;
  for (let k = 0; k < c.args.length; k++) {
    const v = c.args[k].value;
    if (v.startsWith('-')) {
      if (valued.has(v)) k++;
      continue;
    }
    return names.includes(v) ? k : -1;
  }
  return -1;
}

/** Whether the command is `<manager> <one of names> …`. */
export function isSub(c: RunCommand, managers: string[], names: string[]): boolean {
  return managers.includes(managerOf(c)) && subcommandIndex(c, names) >= 0;
}

/** Package arguments after the subcommand (options and their values left out). */
export function packageArgs(c: RunCommand, names: string[]): ShellWord[] {
  const at = subcommandIndex(c, names);
  if (at < 0) return [];
  const valued = VALUE_OPTIONS.get(managerOf(c)) ?? NO_OPTIONS;
  const out: ShellWord[] = [];
  for (let k = at + 1; k < c.args.length; k++) {
    const v = c.args[k].value;
    if (v.startsWith('-')) {
      if (valued.has(v)) k++;
      continue;
    }
    out.push(c.args[k]);
  }
  return out;
}

export function hasOption(c: RunCommand, ...options: string[]): boolean {
  return c.args.some((a) => options.includes(a.value) || options.some((o) => o.startsWith('--') && a.value.startsWith(o + '=')));
}

/** Short flags may be bundled (`-qy`): true when any bundle has the letter. */
export function hasShortFlag(c: RunCommand, letter: string): boolean {
  return c.args.some((a) => /^-[a-zA-Z]+$/.test(a.value) && a.value.includes(letter));
}
