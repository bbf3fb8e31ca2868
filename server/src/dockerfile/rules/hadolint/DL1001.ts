import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL1001', title: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`', severity: 'info' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL1001'), off: true,
  examples: {
    bad: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: '# hadolint global ignore=DL3008\nFROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
};

/** hadolint's inline pragma: `# hadolint ignore=` and a comma-separated list of DL/SC codes, an optional trailing comment. */
const PRAGMA = /^[ \t]*#[ \t]*hadolint[ \t]+ignore[ \t]*=[ \t]*[DLSC0-9]+(?:[ \t]*,[ \t]*[DLSC0-9]+)*[ \t]*(?:#.*)?$/;

/**
 * Off by default, as in hadolint (severity "ignore"): for teams that want exceptions in the configuration
 * (`ignored:` in .hadolint.yaml) rather than scattered through Dockerfiles. Flags each inline
 * `# hadolint ignore=…` comment line (the `global` form is not an inline pragma).
 */
export const DL1001: DockerfileRule = {
  meta,
  check(f) {
    const text = f.text;
    const lineCount = f.lines.lineCount;
    // Comment lines inside an instruction (continuations, heredoc bodies) are not pragmas.
    const inside = new Uint8Array(lineCount);
    for (const { step } of f.steps) for (let l = step.range.start.line; l <= step.range.end.line && l < lineCount; l++) inside[l] = 1;
    const out: Finding[] = [];
    let last = -1;
    for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
      const line = f.lines.positionAt(at).line;
      if (line === last) continue;
      last = line;
      if (inside[line]) continue;
      const t = f.lines.lineText(line);
      if (!PRAGMA.test(t)) continue;
      const start = t.length - t.trimStart().length;
      const range = { start: { line, character: start }, end: { line, character: t.trimEnd().length } };
      out.push(report(meta, range, 'Inline ignore pragma: keep exceptions in .hadolint.yaml (`ignored:`) instead of in the Dockerfile.', {
        fixes: [{ title: 'Remove the ignore pragma', edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }] }],
      }));
    }
    return out;
  },
};
