/**
 * What the core knows of a build context: plain data the workspace layer gathers from disk
 * (file list with sizes, the .dockerignore that applies). The core never reads files itself.
 */
export interface BuildContextFile {
  /** Context-relative path with '/' separators, no leading './'. */
  path: string;
  size: number;
  /** File mode bits (for the tar header size model); 0o644 when unknown. */
  mode?: number;
}

export interface BuildContextInfo {
  /** Absolute path of the context root (for messages only). */
  root: string;
  /** Every regular file of the context that the walk reached (excluded directories may be pruned). */
  files: BuildContextFile[];
  /** The ignore file that applies (`<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's). */
  dockerignore: { path: string; text: string } | null;
  /** Set when the walk stopped early (too many files): sizes are then lower bounds. */
  truncated?: boolean;
}
