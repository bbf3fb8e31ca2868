import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3020', title: 'Use COPY instead of ADD for files and folders', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3020'),
  examples: { bad: 'FROM alpine:3.20\nADD app.py /app/\n', good: 'FROM alpine:3.20\nCOPY app.py /app/\nADD https://example.com/a.tar.gz /tmp/\nADD vendor.tar.gz /opt/\n' },
};

const ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz)$/i;

/** ADD also fetches URLs and unpacks archives; for plain files COPY says what it does. */
export const DL3020: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('ADD')) {
      if (f.isExecForm(step)) continue;
      const args = f.operands(step);
      if (args.length < 2) continue;
      const sources = args.slice(0, -1).map((a) => a.getValue());
      if (sources.some((s) => /^(https?|git):\/\//.test(s) || s.startsWith('git@') || ARCHIVE.test(s) || s.startsWith('<<'))) continue;
      out.push(report(meta, step.keywordRange, 'ADD copies plain files here: use COPY, which does only that.', {
        fixes: [{ title: 'Replace ADD with COPY', edits: [{ range: step.keywordRange, newText: step.node.getInstruction() === 'add' ? 'copy' : 'COPY' }], isPreferred: true }],
      }));
    }
    return out;
  },
};
