import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildContextFile, BuildContextInfo } from '../dockerfile/context';
import { parseDockerignore } from '../dockerfile/ignore';

/** Most files a context walk reads before it stops and marks the context truncated. */
export const MAX_CONTEXT_FILES = 100_000;

/**
 * The ignore file Docker uses for a Dockerfile: `<Dockerfile name>.dockerignore` beside the
 * Dockerfile wins over `.dockerignore` at the context root.
 */
export function findDockerignore(dockerfilePath: string, contextRoot: string): { path: string; text: string } | null {
  const candidates = [path.join(path.dirname(dockerfilePath), `${path.basename(dockerfilePath)}.dockerignore`), path.join(contextRoot, '.dockerignore')];
  for (const p of candidates) {
    try {
      return { path: p, text: fs.readFileSync(p, 'utf8') };
    } catch {
      /* not there */
    }
  }
  return null;
}

/**
 * Walks a build context for the files Docker would send: regular files and symlinks (as links),
 * skipping directories the ignore file excludes when no `!` exception could bring files back.
 */
export function readBuildContext(root: string, dockerignore: { path: string; text: string } | null): BuildContextInfo {
  const matcher = parseDockerignore(dockerignore?.text);
  const files: BuildContextFile[] = [];
  let truncated = false;
  const walk = (dir: string, rel: string) => {
    if (truncated) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!matcher.hasExceptions && matcher.ignores(relPath)) continue;
        walk(full, relPath);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (files.length >= MAX_CONTEXT_FILES) {
          truncated = true;
          return;
        }
        try {
          const st = fs.lstatSync(full);
          files.push({ path: relPath, size: e.isSymbolicLink() ? 0 : st.size, mode: st.mode & 0o7777 });
        } catch {
          /* vanished while walking */
        }
      }
    }
  };
  walk(root, '');
  return { root, files, dockerignore, truncated };
}

interface CacheEntry {
  at: number;
  info: BuildContextInfo;
}

/** Context reads cached for a short while, so typing in a Dockerfile does not walk the disk per keystroke. */
export class BuildContextCache {
  private readonly entries = new Map<string, CacheEntry>();
  constructor(private readonly ttlMs = 2000, private readonly now: () => number = Date.now) {}

  get(dockerfilePath: string, contextRoot = path.dirname(dockerfilePath)): BuildContextInfo {
    const ignore = findDockerignore(dockerfilePath, contextRoot);
    const key = `${contextRoot}\0${ignore?.path ?? ''}\0${ignore?.text ?? ''}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.info;
    const info = readBuildContext(contextRoot, ignore);
    this.entries.set(key, { at: this.now(), info });
    if (this.entries.size > 64) this.entries.delete(this.entries.keys().next().value as string);
    return info;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
