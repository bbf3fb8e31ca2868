import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyPath, type FileKind } from './classify';
import { decodeFile } from './guard';
import type { Finding } from '../common/types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface FoundFile {
  path: string;
  kind: FileKind;
}

export class UsageError extends Error {}

/** Whether `p` is `root` or lies below it (both absolute): settings and scenarios may not reach outside the workspace. */
export function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Expands the paths given on a command line into the files Drydock analyses. A file named
 * explicitly is taken whatever its name (as a Dockerfile unless it ends in .yaml/.yml);
 * directories are walked for Dockerfiles and YAML, skipping node_modules and VCS folders.
 */
export function findFiles(paths: string[]): FoundFile[] {
  const out: FoundFile[] = [];
  const seen = new Set<string>();
  const add = (p: string, kind: FileKind) => {
    const abs = path.resolve(p);
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push({ path: abs, kind });
    }
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full);
      } else if (e.isFile()) {
        const kind = classifyPath(full);
        if (kind === 'dockerfile' || kind === 'yaml') add(full, kind);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else add(p, classifyPath(p) ?? 'dockerfile');
  }
  return out;
}

/** Reads a file for analysis: its text, or findings that say why it cannot be analysed. */
export function readForAnalysis(filePath: string, maxFileSize?: number): { text: string | null; findings: Finding[] } {
  const size = fs.statSync(filePath).size;
  if (maxFileSize !== undefined && size > maxFileSize) return decodeFile(new Uint8Array(size), maxFileSize);
  return decodeFile(fs.readFileSync(filePath), maxFileSize);
}
