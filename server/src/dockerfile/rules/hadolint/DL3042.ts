import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { hasOption, isSub, managerCommands, subcommandIndex } from '../packages';

const meta = {
  id: 'DL3042', title: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3042'),
  examples: { bad: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\n', good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n' },
};

const PIP = ['pip'];
const INSTALL = ['install'];

/** pip's download cache ends up in the layer. */
export const DL3042: DockerfileRule = {
  meta,
  check(f) {
    const out: Finding[] = [];
    // PIP_NO_CACHE_DIR set anywhere (ENV, ARG, a RUN's environment) turns the cache off.
    if (f.text.includes('PIP_NO_CACHE_DIR')) return out;
    for (const c of managerCommands(f, PIP)) {
      if (!isSub(c, PIP, INSTALL) || hasOption(c, '--no-cache-dir')) continue;
      if (f.flags(c.step).some((fl) => fl.name === 'mount' && /type=cache/.test(fl.value ?? ''))) continue;
      const sub = c.args[subcommandIndex(c, INSTALL)];
      out.push(report(meta, f.wordRange(sub), "pip keeps its download cache in this layer: add --no-cache-dir.", {
        fixes: [{ title: 'Add --no-cache-dir', edits: [{ range: f.range(sub.end, sub.end), newText: ' --no-cache-dir' }], isPreferred: true }],
      }));
    }
    return out;
  },
};
