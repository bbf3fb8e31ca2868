import type { Finding } from '../../../common/types';
import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3026', title: 'Use only an allowed registry in the FROM image (trustedRegistries)', severity: 'error' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3026'),
  examples: {
    bad: 'FROM ghcr.io/acme/base:1.0\n',
    good: 'FROM registry.acme.example/base:1.0 AS build\nFROM build\nFROM scratch\n',
    options: { trustedRegistries: ['registry.acme.example'] },
  },
};

/**
 * The registry a FROM pulls from must be one of `trustedRegistries` (nothing is checked when the list is
 * empty). The registry is the first path component when it has a `.` or `:` or is `localhost`, as Docker
 * reads it; an image without one comes from Docker Hub, allowed when the list has `docker.io` or
 * `hub.docker.com`. `scratch` and earlier stages pull nothing. Images built from variables are not known here.
 */
export const DL3026: DockerfileRule = {
  meta,
  check(f) {
    const trusted = f.ctx.options?.trustedRegistries ?? [];
    if (trusted.length === 0) return [];
    const allowed = new Set(trusted.map((r) => r.toLowerCase()));
    const out: Finding[] = [];
    for (const stage of f.model.stages) {
      const from = f.fromNode(stage);
      const image = from?.getImage();
      if (!from || !image || image.includes('$')) continue;
      const earlier = f.stageNamed(image);
      if (earlier && earlier.index < stage.index) continue;
      const first = image.split('/')[0];
      const registry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.toLowerCase() : null;
      if (registry === null && (image === 'scratch' || allowed.has('docker.io') || allowed.has('hub.docker.com'))) continue;
      if (registry !== null && allowed.has(registry)) continue;
      const where = registry ?? 'docker.io (Docker Hub)';
      out.push(report(meta, from.getImageRange() ?? stage.from.range, `Image "${image}" comes from ${where}, which is not a trusted registry (trustedRegistries: ${trusted.join(', ')}).`));
    }
    return out;
  },
};
