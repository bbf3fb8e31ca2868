import { Arg, Env, type Property } from '../../ast';
import { editDistance } from '../../../common/strings';
import type { DockerfileFacts } from '../facts';
import type { DockerfileRule } from '../rule';
import { buildkitDocs, report } from '../rule';

/** Build args BuildKit defines without an ARG. */
export const PREDEFINED_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy',
  'BUILDKIT_SYNTAX', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'SOURCE_DATE_EPOCH',
]);

/** Instructions whose arguments UndefinedVar reads. */
const VAR_CHECKED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);
const HAS_DEFAULT = /\$\{[A-Za-z_][A-Za-z0-9_]*:?[-+?]/;

const VAR_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const NO_PROPERTIES: Property[] = [];

function properties(node: unknown): Property[] {
  return node instanceof Arg || node instanceof Env ? node.getProperties() : NO_PROPERTIES;
}

/** The names the ARGs before the first FROM declare. */
function globalArgs(f: DockerfileFacts): Set<string> {
  const out = new Set<string>();
  for (const s of f.model.preamble) for (const p of properties(s.node)) out.add(p.getName());
  return out;
}

/** A FROM may use only global ARGs (declared before the first FROM) and the predefined ones. */
export const UndefinedArgInFrom: DockerfileRule = {
  meta: {
    id: 'UndefinedArgInFrom', title: 'FROM command must use declared ARGs', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('UndefinedArgInFrom'),
    examples: { bad: 'FROM node:${NODE_VERSION}-alpine\n', good: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\n' },
  },
  check(f) {
    const out = [];
    let globals: Set<string> | null = null;
    for (const stage of f.model.stages) {
      const base = f.offset(stage.from.range.start);
      const end = f.offset(stage.from.range.end);
      if (!f.hasDollar(base, end)) continue;
      globals ??= globalArgs(f);
      const text = f.text.slice(base, end);
      for (const m of text.matchAll(VAR_REF)) {
        const name = m[1] ?? m[2];
        if (globals.has(name) || PREDEFINED_ARGS.has(name) || f.ctx.buildArgs[name] !== undefined) continue;
        out.push(report(this.meta, f.range(base + m.index!, base + m.index! + m[0].length), `FROM uses ${name}, which no ARG before the first FROM declares.`));
      }
    }
    return out;
  },
};

/** `ENV key value` is the legacy form; `key=value` is unambiguous. */
export const LegacyKeyValueFormat: DockerfileRule = {
  meta: {
    id: 'LegacyKeyValueFormat', title: 'Legacy key/value format with whitespace separator should not be used', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('LegacyKeyValueFormat'),
    examples: { bad: 'FROM alpine:3.20\nENV PORT 8080\n', good: 'FROM alpine:3.20\nENV PORT=8080\n' },
  },
  check(f) {
    const out = [];
    // LABEL has no legacy form in dockerfile-ast's model: ENV only.
    for (const { step } of f.stepsOf('ENV')) {
      for (const p of properties(step.node)) {
        if (p.getAssignmentOperator() === null && p.getValue() !== null) {
          const v = p.getValue() ?? '';
          const fix = p.getValueRange() && !/\s/.test(v) ? [{ title: 'Use key=value', edits: [{ range: { start: p.getNameRange().end, end: p.getValueRange()!.start }, newText: '=' }], isPreferred: true }] : undefined;
          out.push(report(this.meta, p.getRange(), `"${step.instruction} ${p.getName()} ${v}" uses the legacy whitespace form; write ${p.getName()}=… instead.`, { fixes: fix }));
        }
      }
    }
    return out;
  },
};

const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(_|$)/i;
const NOT_SECRET = /(^|_)(PUBLIC|FILE|PATH|DIR|URL|HOST|USER|NAME|ID)$/i;

/** ARG and ENV values stay in the image's history and config, readable by anyone with the image. */
export const SecretsUsedInArgOrEnv: DockerfileRule = {
  meta: {
    id: 'SecretsUsedInArgOrEnv', title: 'Sensitive data should not be used in the ARG or ENV commands', severity: 'warning', origin: 'buildkit', aliases: ['DL3064'], docs: buildkitDocs('SecretsUsedInArgOrEnv'),
    examples: { bad: 'FROM alpine:3.20\nARG GITHUB_TOKEN\n', good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token cat /run/secrets/github_token >/dev/null\n' },
  },
  check(f) {
    const out = [];
    for (const { step } of f.stepsOf('ARG', 'ENV')) {
      for (const p of properties(step.node)) {
        const name = p.getName();
        if (!SECRET_NAME.test(name) || NOT_SECRET.test(name)) continue;
        // Never repeat the value: it may be the secret itself.
        out.push(report(this.meta, p.getNameRange(), `Do not pass "${name}" through ${step.instruction}: its value is kept in the image. Use a build secret (RUN --mount=type=secret).`));
      }
    }
    return out;
  },
};

/** A variable used but never declared expands to an empty string, silently. */
export const UndefinedVar: DockerfileRule = {
  meta: {
    id: 'UndefinedVar', title: 'Variables should be defined before their use', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('UndefinedVar'),
    examples: { bad: 'FROM alpine:3.20\nARG APP_DIR=app\nCOPY app /opt/$APP_DR/\n', good: 'FROM alpine:3.20\nARG APP_DIR=app\nCOPY app /opt/$APP_DIR/\nENV PATH=/opt/app/bin:$PATH\n' },
  },
  check(f) {
    const out = [];
    let globals: Set<string> | null = null;
    const declaredByStage = new Map<number, Set<string>>();
    for (const stage of f.model.stages) {
      const parent = stage.base ? f.stageNamed(stage.base) : undefined;
      const known = new Set<string>(parent && parent.index < stage.index ? declaredByStage.get(parent.index) ?? [] : []);
      for (const step of stage.steps) {
        // Only a step with a `$` in its text can use a variable.
        if (VAR_CHECKED.has(step.instruction) && f.hasDollar(f.offset(step.range.start), f.offset(step.range.end))) {
          const start = f.offset((step.node.getArgumentsRange() ?? step.range).start);
          const end = f.offset(step.range.end);
          const text = f.text.slice(start, end);
          for (const m of text.matchAll(VAR_REF)) {
            const name = m[1] ?? m[2];
            if (known.has(name) || PREDEFINED_ARGS.has(name) || f.ctx.buildArgs[name] !== undefined) continue;
            if (HAS_DEFAULT.test(m[0])) continue; // has a default or alternative
            if (text[m.index! - 1] === '\\') continue;
            globals ??= globalArgs(f);
            const hint = globals.has(name) ? ` ${name} is a global ARG: re-declare it with "ARG ${name}" inside this stage.` : '';
            const near = nearest(name, known);
            // The base image's own ENV (PATH, JAVA_HOME, …) is unknown offline: unless the stage starts from
            // scratch, report only likely typos of a declared variable or a global ARG not re-declared.
            if (!fromScratchChain(f, stage) && !near && !globals.has(name)) continue;
            const typo = near ? ` Did you mean $${near}?` : '';
            out.push(report(this.meta, f.range(start + m.index!, start + m.index! + m[0].length), `Usage of undefined variable '$${name}'.${typo}${hint}`));
          }
        }
        for (const p of properties(step.node)) known.add(p.getName());
      }
      declaredByStage.set(stage.index, known);
    }
    return out;
  },
};

/** Whether a stage's chain of bases ends in `scratch` (so no image ENV can define a variable). */
function fromScratchChain(f: { stageNamed(n: string): { index: number; base: string | null } | undefined }, stage: { index: number; base: string | null }, depth = 0): boolean {
  if (!stage.base || depth > 50) return false;
  if (stage.base === 'scratch') return true;
  const parent = f.stageNamed(stage.base);
  return !!parent && parent.index < stage.index && fromScratchChain(f, parent, depth + 1);
}

/** The declared name closest to `name` (edit distance at most 2, same length ±2), if any. */
const WELL_KNOWN_ENV = new Set(['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'SHELL', 'TERM', 'HOSTNAME', 'PWD', 'TMPDIR', 'TZ']);

function nearest(name: string, known: Set<string>): string | null {
  if (WELL_KNOWN_ENV.has(name) || name.length < 4) return null;
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    if (Math.abs(k.length - name.length) > 2) continue;
    const d = editDistance(name.toUpperCase(), k.toUpperCase());
    if (d < bestD && d > 0) {
      best = k;
      bestD = d;
    } else if (d === 0 && k !== name) return k;
  }
  return best;
}

/** A global ARG used in FROM with no default makes an invalid image reference when not passed. */
export const InvalidDefaultArgInFrom: DockerfileRule = {
  meta: {
    id: 'InvalidDefaultArgInFrom', title: 'Default value for global ARG results in an empty or invalid base image name', severity: 'warning', origin: 'buildkit', docs: buildkitDocs('InvalidDefaultArgInFrom'),
    examples: { bad: 'ARG TAG\nFROM alpine:$TAG\n', good: 'ARG TAG=3.20\nFROM alpine:$TAG\n' },
  },
  check(f) {
    let noDefault: Set<string> | null = null;
    const out = [];
    for (const stage of f.model.stages) {
      const from = f.fromNode(stage);
      const range = from?.getImageRange();
      if (!from || !range) continue;
      const start = f.offset(range.start);
      const end = f.offset(range.end);
      if (!f.hasDollar(start, end)) continue;
      noDefault ??= new Set(f.model.preamble.flatMap((s) => properties(s.node).filter((p) => p.getValue() === null || p.getValue() === '').map((p) => p.getName())));
      const image = f.text.slice(start, end);
      for (const m of image.matchAll(VAR_REF)) {
        const name = m[1] ?? m[2];
        if (noDefault.has(name) && f.ctx.buildArgs[name] === undefined && !/:-/.test(m[0])) {
          out.push(report(this.meta, range, `ARG ${name} has no default, so without --build-arg ${name}=… the base image "${image}" is invalid.`));
        }
      }
    }
    return out;
  },
};
