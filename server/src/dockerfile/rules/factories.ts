import type { RuleMeta } from '../../common/rule';
import type { DockerfileRule } from './rule';
import { report } from './rule';
import { hasOption, hasShortFlag, isSub, managerCommands, packageArgs, subcommandIndex } from './packages';
import type { Step } from '../model';

/** `<manager> install` must not stop to ask: it needs one of `yesFlags`. */
export function assumeYesRule(meta: RuleMeta, managers: string[], subs: string[], yesFlags: string[], shortLetter: string | null): DockerfileRule {
  return {
    meta,
    check(f) {
      return managerCommands(f, managers)
        .filter((c) => isSub(c, managers, subs) && !hasOption(c, ...yesFlags) && !(shortLetter && hasShortFlag(c, shortLetter)))
        .map((c) => {
          const name = c.command.words[0];
          const flag = yesFlags[0];
          return report(meta, f.wordRange(c.args[subcommandIndex(c, subs)]), `${c.name} ${c.args[subcommandIndex(c, subs)].value} will ask for confirmation and fail the build: add ${flag}.`, {
            fixes: [{ title: `Add ${flag}`, edits: [{ range: f.range(name.end, name.end), newText: ` ${flag}` }], isPreferred: true }],
          });
        });
    },
  };
}

/** An install with `managers` must be followed, in the same RUN, by a command matching `cleaned`. */
export function cleanupRule(meta: RuleMeta, managers: string[], subs: string[], cleaned: (name: string, args: string[]) => boolean, advice: string): DockerfileRule {
  return {
    meta,
    check(f) {
      const out = [];
      // The first install of each RUN: is its cache cleaned (or kept in a cache mount) in that RUN?
      let seen: Step | null = null;
      for (const install of managerCommands(f, managers)) {
        if (install.step === seen || !isSub(install, managers, subs)) continue;
        const step = (seen = install.step);
        if (f.flags(step).some((fl) => fl.name === 'mount' && /type=cache/.test(fl.value ?? ''))) continue;
        if (f.runCommands(step, install.stage).some((c) => cleaned(c.name, c.args.map((a) => a.value)))) continue;
        out.push(report(meta, f.commandRange(install), advice));
      }
      return out;
    },
  };
}

/** Packages of `<manager> <subs>` must carry a version (tested by `pinned`). */
export function pinRule(meta: RuleMeta, managers: string[], subs: string[], pinned: (pkg: string) => boolean, example: (pkg: string) => string): DockerfileRule {
  return {
    meta,
    check(f) {
      return managerCommands(f, managers)
        .filter((c) => isSub(c, managers, subs))
        .flatMap((c) => packageArgs(c, subs))
        .filter((w) => !w.value.includes('$') && !pinned(w.value))
        .map((w) => report(meta, f.wordRange(w), `Pin the version of "${w.value}" (${example(w.value)}).`));
    },
  };
}
