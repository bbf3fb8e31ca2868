import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';
import { contextCopies, contextView, matchSource } from '../context';

/**
 * A COPY source that .dockerignore excludes copies nothing (or fails). Unlike BuildKit, which gives
 * up on ignore files with `!` exceptions, the check honours them: a source is reported only when
 * every file it names is excluded.
 */
export const CopyIgnoredFile: DockerfileRule = {
  meta: {
    id: 'CopyIgnoredFile', title: 'Attempting to Copy file that is excluded by .dockerignore', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('CopyIgnoredFile'),
    examples: { bad: 'FROM alpine:3.20\nCOPY README.md /docs/\n', good: 'FROM alpine:3.20\nCOPY app.py /srv/\n' },
  },
  check(f) {
    const view = contextView(f);
    if (!view) return [];
    const out = [];
    for (const { sources } of contextCopies(f)) {
      for (const s of sources) {
        if (s.value === '.' || s.value === './') continue;
        const named = matchSource(s.value, view.all);
        if (named.length === 0) continue;
        if (matchSource(s.value, view.kept).length > 0) continue;
        out.push(report(this.meta, s.range, `"${s.value}" is excluded by ${view.ignoreFile ?? '.dockerignore'}, so this copies nothing from it.`));
      }
    }
    return out;
  },
};
