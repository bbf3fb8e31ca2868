import * as path from 'node:path';

export type FileKind = 'dockerfile' | 'dockerignore' | 'yaml';

/** What Drydock makes of a file by its name: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, .dockerignore, *.yaml / *.yml. */
export function classifyPath(filePath: string): FileKind | null {
  const base = path.basename(filePath);
  const lower = base.toLowerCase();
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore')) return 'dockerignore';
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return null;
}

/** The language ids VS Code (and other LSP clients) use for our kinds. */
export function kindFromLanguageId(languageId: string): FileKind | null {
  switch (languageId) {
    case 'dockerfile':
      return 'dockerfile';
    case 'dockerignore':
    case 'ignore':
      return 'dockerignore';
    case 'yaml':
    case 'kubernetes':
    case 'helm':
      return 'yaml';
    default:
      return null;
  }
}
