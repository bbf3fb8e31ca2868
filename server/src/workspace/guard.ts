import type { Finding } from '../common/types';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

export interface DecodedText {
  /** The text to analyse, or null when the file must not be analysed. */
  text: string | null;
  /** Findings about the bytes themselves (too large, binary, bad encoding). */
  findings: Finding[];
}

const TOP: Finding['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

export function tooLargeFinding(size: number, limit: number): Finding {
  return {
    rule: 'file-too-large',
    severity: 'warning',
    message: `File too large to analyse: ${formatBytes(size)} > limit ${formatBytes(limit)} (setting drydock.maxFileSize).`,
    range: TOP,
  };
}

/** Looks for NUL bytes in the first 8 KB, as git and grep do, to tell binary from text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Turns a file's bytes into text the analyses can take: refuses files over the size limit and
 * binary files with a finding, decodes UTF-8 (BOM dropped) or UTF-16 with a BOM, and reports
 * invalid UTF-8 while analysing what can be read.
 */
export function decodeFile(bytes: Uint8Array, maxFileSize = DEFAULT_MAX_FILE_SIZE): DecodedText {
  if (bytes.length > maxFileSize) return { text: null, findings: [tooLargeFinding(bytes.length, maxFileSize)] };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return { text, findings: [] };
  }
  if (looksBinary(bytes)) {
    return {
      text: null,
      findings: [{ rule: 'binary-file', severity: 'warning', message: 'This file looks binary (it contains NUL bytes), so Drydock does not analyse it.', range: TOP }],
    };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), findings: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(body);
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(0, bad));
    const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
    const character = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) - 1;
    return {
      text,
      findings: [{
        rule: 'invalid-encoding',
        severity: 'warning',
        message: 'The file is not valid UTF-8; invalid bytes were read as U+FFFD and the rest was analysed.',
        range: { start: { line, character }, end: { line, character: character + 1 } },
      }],
    };
  }
}

/**
 * The same limits for text that is already decoded (an editor's buffer): too large, or binary
 * (NUL characters near the start). Returns the finding that stops analysis, or null.
 */
export function guardText(text: string, maxFileSize = DEFAULT_MAX_FILE_SIZE): Finding | null {
  if (text.length > maxFileSize) return tooLargeFinding(text.length, maxFileSize);
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  if (head.includes('\u0000')) {
    return { rule: 'binary-file', severity: 'warning', message: 'This file looks binary (it contains NUL bytes), so Drydock does not analyse it.', range: TOP };
  }
  return null;
}

/** Longest Dockerfile line analysed: the parser's time grows faster than linearly with a line's length. */
export const MAX_DOCKERFILE_LINE = 100_000;

/** A Dockerfile with a line so long that parsing it would block the editor gets one finding instead. */
export function longLineFinding(text: string, limit = MAX_DOCKERFILE_LINE): Finding | null {
  let start = 0;
  let line = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      if (i - start > limit) {
        return {
          rule: 'line-too-long',
          severity: 'warning',
          message: `Line ${line + 1} is too long to analyse (${Math.round((i - start) / 1024)} KB > ${Math.round(limit / 1024)} KB), so Drydock does not analyse this Dockerfile.`,
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
        };
      }
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      line++;
    }
  }
  return null;
}
