import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../workspace/files';

/** node:util parseArgs with our usage errors (exit code 2) instead of raw exceptions. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--build-arg K=V` values (repeatable) as a record. */
export function parseBuildArgs(values: string[] | undefined): Record<string, string> {
  return parseKeyValues('build-arg', 'KEY=VALUE', values);
}

/** Repeatable `--flag K=V` values as a record (the last one of a key wins). */
export function parseKeyValues(flag: string, shape: string, values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} wants ${shape}, got "${v}"`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}
