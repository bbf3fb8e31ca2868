import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';

/** An empty line inside a continuation is deprecated and will become an error. */
export const NoEmptyContinuation: DockerfileRule = {
  meta: {
    id: 'NoEmptyContinuation', title: 'Empty continuation lines will become errors in a future release', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('NoEmptyContinuation'),
    examples: { bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl=8.9.1-r0\n', good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl=8.9.1-r0\n' },
  },
  check(f) {
    const out = [];
    const esc = f.model.ast.getEscapeCharacter();
    for (const { step } of f.steps) {
      for (let line = step.range.start.line + 1; line <= step.range.end.line; line++) {
        const prev = f.lines.lineText(line - 1).trimEnd();
        if (f.lines.lineText(line).trim() === '' && prev.endsWith(esc)) {
          out.push(report(this.meta, f.lines.lineRange(line), 'Empty continuation line: remove it (a future release will reject it).', {
            fixes: [{ title: 'Remove the empty line', edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], isPreferred: true }],
          }));
        }
      }
    }
    return out;
  },
};

export const ExposeProtoCasing: DockerfileRule = {
  meta: {
    id: 'ExposeProtoCasing', title: 'Protocol in EXPOSE instruction should be lowercase', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('ExposeProtoCasing'),
    examples: { bad: 'FROM alpine:3.20\nEXPOSE 53/UDP\n', good: 'FROM alpine:3.20\nEXPOSE 53/udp\n' },
  },
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('EXPOSE')) {
      for (const a of step.node.getArguments()) {
        const [, proto] = a.getValue().split('/');
        if (proto && proto !== proto.toLowerCase()) {
          out.push(report(this.meta, a.getRange(), `Write the protocol in lower case: ${a.getValue().toLowerCase()}.`, { fixes: [{ title: 'Lower-case the protocol', edits: [{ range: a.getRange(), newText: a.getValue().toLowerCase() }], isPreferred: true }] }));
        }
      }
    }
    return out;
  },
};

/** EXPOSE documents container ports; host IPs and host:container mappings belong to `docker run -p`. */
export const ExposeInvalidFormat: DockerfileRule = {
  meta: {
    id: 'ExposeInvalidFormat', title: 'IP address and host-port mapping should not be used in EXPOSE instruction', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('ExposeInvalidFormat'),
    examples: { bad: 'FROM alpine:3.20\nEXPOSE 127.0.0.1:80:80\n', good: 'FROM alpine:3.20\nEXPOSE 80\n' },
  },
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('EXPOSE')) {
      for (const a of step.node.getArguments()) {
        if (a.getValue().includes(':')) out.push(report(this.meta, a.getRange(), `EXPOSE takes container ports only ("${a.getValue().split(':').pop()}"); map host ports when you run the container.`));
      }
    }
    return out;
  },
};

