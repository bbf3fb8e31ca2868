import type { DockerfileRule } from '../rule';
import { hadolintDocs, report } from '../rule';

const meta = {
  id: 'DL3006', title: 'Always tag the version of an image explicitly', severity: 'warning' as const, origin: 'hadolint' as const, docs: hadolintDocs('DL3006'),
  examples: { bad: 'FROM debian\n', good: 'FROM debian:12-slim\n' },
};

/** A base image with no tag or digest means :latest, which changes under you. */
export const DL3006: DockerfileRule = {
  meta,
  check(f) {
    const out = [];
    for (const stage of f.model.stages) {
      const from = f.fromNode(stage);
      if (!from) continue;
      const image = from.getImage();
      if (!image || image === 'scratch' || image.includes('$')) continue;
      if (f.stageNamed(image) && f.stageNamed(image)!.index < stage.index) continue;
      if (from.getImageTag() || from.getImageDigest()) continue;
      out.push(report(meta, from.getImageRange() ?? stage.from.range, `Image "${image}" has no tag, so it means :latest; pin a version (e.g. ${image}:<version>).`));
    }
    return out;
  },
};
