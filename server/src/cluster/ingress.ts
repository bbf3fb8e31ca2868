/**
 * Ingress matching as networking.k8s.io/v1 defines it: the host (exact, or `*.example.com` matching
 * exactly one label), then the paths: Exact needs the same path, Prefix matches whole path elements
 * (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`); the longest match wins and Exact beats Prefix
 * of the same length. Returns the matching HTTPIngressPath object, or null.
 */
export function matchIngress(rules: any[], host: string, path: string): any | null {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const hostMatches = (ruleHost: string | undefined) => {
    if (!ruleHost) return true;
    if (ruleHost.startsWith('*.')) {
      const suffix = ruleHost.slice(1);
      return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes('.') && h.length > suffix.length;
    }
    return ruleHost.toLowerCase() === h;
  };
  const elements = (p: string) => p.split('/').filter(Boolean);
  let best: { p: any; len: number; exact: boolean; hostSpecific: boolean } | null = null;
  for (const rule of rules ?? []) {
    if (!hostMatches(rule?.host)) continue;
    for (const p of rule?.http?.paths ?? []) {
      const type = p.pathType ?? 'Prefix';
      const rp = p.path ?? '/';
      let ok = false;
      if (type === 'Exact') ok = rp === path;
      else {
        const a = elements(rp);
        const b = elements(path);
        ok = a.length <= b.length && a.every((seg: string, i: number) => seg === b[i]);
      }
      if (!ok) continue;
      const cand = { p, len: rp.length, exact: type === 'Exact', hostSpecific: !!rule.host && !rule.host.startsWith('*') };
      if (!best || cand.hostSpecific > best.hostSpecific || (cand.hostSpecific === best.hostSpecific && (cand.len > best.len || (cand.len === best.len && cand.exact && !best.exact)))) best = cand;
    }
  }
  return best?.p ?? null;
}
