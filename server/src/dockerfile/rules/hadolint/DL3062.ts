import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3062', title: 'Pin versions in go install', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3062'),
  examples: { bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls\n', good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n' },
};

/** `go install pkg` without `@version` builds whatever the module resolves to today. */
export const DL3062: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const c of f.runCommandsNamed('go')) {
      if (c.args[0]?.value !== 'install') continue;
      for (const w of c.args.slice(1)) {
        const v = w.value;
        if (v.startsWith('-') || v.includes('$') || v.includes('@')) continue;
        // Local packages (./cmd/…) are built from the context, not fetched.
        if (v.startsWith('.') || v.startsWith('/')) continue;
        out.push(report(meta, f.wordRange(w), `Pin the version of "${v}" (go install ${v}@<version>).`));
      }
    }
    return out;
  },
};
