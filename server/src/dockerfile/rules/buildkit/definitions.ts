import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';

/**
 * `FROM --platform=` with a constant (no variable) pins the stage to one platform: a multi-platform build
 * then runs it emulated for every target. BuildKit allows it when the stage name says which platform it is
 * for (it contains the OS or the architecture: `AS linux`, `AS build_amd64`).
 */
export const FromPlatformFlagConstDisallowed: DockerfileRule = {
  meta: {
    id: 'FromPlatformFlagConstDisallowed', title: 'FROM --platform flag should not use a constant value', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('FromPlatformFlagConstDisallowed'),
    examples: { bad: 'FROM --platform=linux/amd64 alpine:3.20 AS build\n', good: 'FROM --platform=linux/amd64 alpine:3.20 AS build-amd64\nFROM --platform=$BUILDPLATFORM golang:1.23 AS tools\n' },
  },
  check(f) {
    const out: Finding[] = [];
    for (const stage of f.model.stages) {
      const flag = f.flags(stage.from).find((fl) => fl.name === 'platform');
      if (!flag || !flag.value || flag.value.includes('$')) continue;
      const [os = '', arch = ''] = flag.value.toLowerCase().split('/');
      const name = (stage.name ?? '').toLowerCase();
      if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
      out.push(report(this.meta, flag.range, `FROM --platform flag should not use constant value "${flag.value}"`));
    }
    return out;
  },
};

/** Comments that are not descriptions: parser directives and suppression pragmas. */
const NOT_A_DESCRIPTION = /^#\s*(?:(?:syntax|escape|check)\s*=|hadolint\b|drydock-ignore\b)/i;

/**
 * Experimental in BuildKit, so off by default here too (give it a severity in drydock.rules to turn it on):
 * a comment right above `ARG name` or `FROM … AS name` is read as that definition's description and should
 * start with the name.
 */
export const InvalidDefinitionDescription: DockerfileRule = {
  meta: {
    id: 'InvalidDefinitionDescription', title: 'Comment for build stage or argument should follow the format', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('InvalidDefinitionDescription'), off: true,
    examples: {
      bad: '# the version of Go to build with\nARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}\n',
      good: '# GO_VERSION the version of Go to build with\nARG GO_VERSION=1.23\n# build compiles the server\nFROM golang:${GO_VERSION} AS build\n',
    },
  },
  check(f) {
    const out: Finding[] = [];
    const check = (line: number, name: string, what: 'ARG' | 'stage') => {
      if (line <= 0) return;
      const above = f.lines.lineText(line - 1).trim();
      if (!above.startsWith('#') || NOT_A_DESCRIPTION.test(above)) return;
      const first = above.replace(/^#\s*/, '').split(/\s+/)[0] ?? '';
      if (first === name) return;
      const r = f.lines.lineRange(line - 1);
      out.push(report(this.meta, r, `Comment for ${what === 'ARG' ? 'ARG' : 'build stage'} should follow the format: \`# ${name} <description>\`. If this is not meant to describe ${name}, put an empty line between the comment and the instruction.`));
    };
    for (const { step } of f.steps) {
      if (step.instruction === 'ARG') {
        const names = step.node.getArguments().map((a) => a.getValue().split('=')[0]);
        if (names.length === 1 && names[0]) check(step.range.start.line, names[0], 'ARG');
      }
    }
    for (const stage of f.model.stages) if (stage.name) check(stage.from.range.start.line, stage.name, 'stage');
    return out;
  },
};
