import type { DockerfileRule } from '../rule';
import { drydockDocs, report } from '../rule';

/** Commands that install dependencies from a manifest file (package.json, requirements.txt, go.mod, …). */
const INSTALLS: Array<[string, RegExp]> = [
  ['npm', /^(ci|install|i)$/], ['yarn', /^(install)?$/], ['pnpm', /^(install|i)$/], ['pip', /^install$/], ['pip3', /^install$/],
  ['poetry', /^install$/], ['uv', /^(sync|pip)$/], ['go', /^mod$/], ['bundle', /^(install)?$/], ['composer', /^install$/],
  ['mvn', /dependency:/], ['gradle', /dependencies/], ['cargo', /^fetch$/], ['dotnet', /^restore$/],
];

const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/**
 * `COPY . .` before the dependency install: any source change invalidates the COPY, so the
 * install re-runs on every build. Copy the dependency manifests first, install, then the rest.
 */
export const cacheBustingCopy: DockerfileRule = {
  meta: {
    id: 'drydock/cache-busting-copy', title: 'Copying the whole context before installing dependencies defeats the layer cache', severity: 'warning', origin: 'drydock', docs: drydockDocs('cache-busting-copy'),
    examples: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
    },
  },
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      for (let k = 0; k < stage.steps.length; k++) {
        const step = stage.steps[k];
        if (step.instruction !== 'COPY' && step.instruction !== 'ADD') continue;
        if (f.flags(step).some((fl) => fl.name === 'from')) continue;
        const args = f.operands(step).map((a) => a.getValue());
        if (args.length < 2 || !args.slice(0, -1).some((s) => WHOLE_CONTEXT.has(s))) continue;
        for (let j = k + 1; j < stage.steps.length; j++) {
          const later = stage.steps[j];
          if (later.instruction !== 'RUN') continue;
          const install = f.runCommands(later, stage).find((c) => INSTALLS.some(([name, sub]) => c.name === name && sub.test(c.args.find((a) => !a.value.startsWith('-'))?.value ?? '')));
          if (!install) continue;
          const rerun = stage.steps.slice(k + 1).filter((s) => s.instruction === 'RUN').length;
          out.push(report(this.meta, step.range, `"${step.instruction} ${args.join(' ')}" comes before "${install.command.words.map((w) => w.value).join(' ')}" (line ${later.range.start.line + 1}): any change to any file re-runs the install and the ${rerun} RUN step${rerun === 1 ? '' : 's'} after this COPY. Copy the dependency manifest first, install, then copy the rest.`, {
            related: [{ range: f.commandRange(install), message: 'this install re-runs on every source change' }],
          }));
          break;
        }
      }
    }
    return out;
  },
};
