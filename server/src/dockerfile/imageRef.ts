/** An image reference split as Docker reads it, with its defaults filled in. */
export interface ImageRef {
  /** As written. */
  raw: string;
  registry: string;
  /** Repository path on the registry (`library/` added for Docker Hub official images). */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** The fully qualified reference Docker would pull. */
  canonical: string;
  /** True when the reference resolves to :latest implicitly (no tag, no digest). */
  implicitLatest: boolean;
}

/**
 * Parses `[registry/]repo[:tag][@digest]` with Docker's defaults: the first component is a
 * registry only when it has a `.` or `:` or is `localhost`; otherwise the registry is docker.io, and
 * a single-component Docker Hub name gets the `library/` prefix; no tag and no digest means `latest`.
 */
export function parseImageRef(raw: string): ImageRef | null {
  const ref = raw.trim();
  if (!ref || /\s/.test(ref) || ref.includes('$')) return null;
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  let repository = parts.join('/');
  if (!repository || !/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(repository)) return null;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const implicitLatest = !tag && !digest;
  const shownTag = tag ?? (digest ? null : 'latest');
  const canonical = `${registry}/${repository}${shownTag ? `:${shownTag}` : ''}${digest ? `@${digest}` : ''}`;
  return { raw: ref, registry, repository, tag, digest, canonical, implicitLatest };
}
