import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';
import { hasOption, isSub, managerCommands, packageArgs } from '../packages';

const PIP = ['pip'];
const SUBS = ['install'];

const meta = {
  id: 'DL3013', title: 'Pin versions in pip', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3013'),
  examples: { bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n', good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n' },
};

/** `pip install name` takes whatever is newest today. */
export const DL3013: DockerfileRule = {
  meta,
  check(f) {
    return managerCommands(f, PIP)
      .filter((c) => isSub(c, PIP, SUBS) && !hasOption(c, '-r', '--requirement', '-c', '--constraint'))
      .flatMap((c) => packageArgs(c, SUBS))
      .filter((w) => !/[=<>~!@]/.test(w.value) && !w.value.includes('/') && !/\.(whl|tar\.gz|zip)$/.test(w.value) && !w.value.includes('$') && w.value !== '.')
      .map((w) => report(meta, f.wordRange(w), `Pin the version of "${w.value}" (pip install ${w.value}==<version>).`));
  },
};
