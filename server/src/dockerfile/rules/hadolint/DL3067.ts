import { Copy } from '../../ast';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3067', title: 'Do not copy the whole filesystem of another stage', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3067'),
  examples: { bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /\n', good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n' },
};

/** `COPY --from=stage / …` drags the whole builder (compilers, caches) into the image: copy only the outputs. */
export const DL3067: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('COPY')) {
      if (!f.flags(step).some((fl) => fl.name === 'from')) continue;
      const args = step.node instanceof Copy ? step.node.getArguments() : [];
      // All but the last argument are sources; heredoc and JSON forms are read the same way by dockerfile-ast.
      for (const a of args.slice(0, -1)) {
        const v = a.getValue().replace(/^["']|["']$/g, '');
        if (v === '/' || v === '/.' || v === '/*') out.push(report(meta, a.getRange(), `This copies the entire filesystem of another stage ("${v}"); copy only the files the image needs.`));
      }
    }
    return out;
  },
};
