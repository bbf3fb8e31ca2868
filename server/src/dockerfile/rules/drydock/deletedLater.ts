import type { DockerfileRule } from '../rule';
import { drydockDocs, report } from '../rule';

/**
 * A file added by one layer and deleted by a later RUN still ships: layers only add, so the
 * deletion hides the file but the bytes stay in the earlier layer.
 */
export const deletedLater: DockerfileRule = {
  meta: {
    id: 'drydock/deleted-in-later-layer', title: 'Files removed in a later layer still take space in the image', severity: 'warning', origin: 'drydock', docs: drydockDocs('deleted-in-later-layer'),
    examples: {
      bad: 'FROM debian:12\nCOPY installer.tar.gz /tmp/\nRUN tar -xzf /tmp/installer.tar.gz -C /opt\nRUN rm /tmp/installer.tar.gz\n',
      good: 'FROM debian:12\nRUN --mount=type=bind,source=installer.tar.gz,target=/tmp/installer.tar.gz tar -xzf /tmp/installer.tar.gz -C /opt\n',
    },
  },
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const added: Array<{ path: string; step: (typeof stage.steps)[number] }> = [];
      for (const step of stage.steps) {
        if (step.instruction === 'COPY' || step.instruction === 'ADD') {
          const args = f.operands(step).map((a) => a.getValue());
          if (args.length < 2) continue;
          const dest = args[args.length - 1];
          if (!dest.startsWith('/')) continue;
          for (const src of args.slice(0, -1)) {
            const base = src.split('/').filter(Boolean).pop() ?? src;
            added.push({ path: dest.endsWith('/') ? dest + base : dest, step });
          }
        }
        if (step.instruction !== 'RUN') continue;
        for (const c of f.runCommands(step, stage)) {
          if (c.name !== 'rm') continue;
          for (const a of c.args) {
            if (a.value.startsWith('-')) continue;
            const hit = added.find((x) => x.path === a.value || x.path.startsWith(a.value.replace(/\/?$/, '/')));
            if (!hit || hit.step === step) continue;
            out.push(report(this.meta, f.wordRange(a), `"${a.value}" was added by the layer on line ${hit.step.range.start.line + 1}; deleting it here hides it but the bytes still ship in that layer. Use it in one step (e.g. RUN --mount=type=bind) or in a build stage.`, {
              related: [{ range: hit.step.range, message: 'added here' }],
            }));
          }
        }
      }
    }
    return out;
  },
};
