import { Copy } from '../../ast';
import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3010', title: 'Use ADD to extract a local archive into the image', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3010'),
  examples: { bad: 'FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n', good: 'FROM alpine:3.20\nADD app.tar.gz /opt/\n' },
};

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;
const base = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;

/**
 * A local archive that is COPY'd and then unpacked by a later RUN ships twice (the archive stays in the COPY
 * layer even after `rm`); ADD unpacks local tar files in one layer.
 */
export const DL3010: DockerfileRule = {
  meta,
  check(f) {
    const out: Finding[] = [];
    for (const stage of f.model.stages) {
      stage.steps.forEach((step, i) => {
        if (step.instruction !== 'COPY' || !(step.node instanceof Copy)) return;
        if (f.flags(step).some((fl) => fl.name === 'from')) return;
        const args = step.node.getArguments();
        for (let k = 0; k < args.length - 1; k++) {
          const a = args[k];
          // Every archive name has ".t…" (.tar, .tgz, .tbz2, .txz): most sources are let go before their name is taken apart.
          const v = a.getValue();
          if (!v.includes('.t') && !v.includes('.T')) continue;
          const name = base(v);
          if (!ARCHIVE.test(name) || name.includes('$') || name.includes('*')) continue;
          const unpacked = stage.steps.slice(i + 1).some((s) => s.instruction === 'RUN' && f.runCommands(s, stage).some((c) =>
            c.name === 'tar' && c.args.some((w) => /^-?[a-wyzA-Z]*x/.test(w.value) || w.value === '--extract') && c.args.some((w) => base(w.value) === name)));
          if (unpacked) out.push(report(meta, a.getRange(), `"${name}" is copied and then unpacked by a later RUN, so the archive stays in this layer; ADD ${name} <dir> unpacks it in one step.`));
        }
      });
    }
    return out;
  },
};
