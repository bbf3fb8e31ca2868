import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, perContainer, cname } from './shared';

export const latestTag: ManifestRule = {
  meta: {
    id: 'latest-tag', title: 'Image uses the latest tag or no tag', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('latest-tag'),
    examples: { bad: POD('').replace('c:1.0', 'c:latest'), good: POD('') },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => {
      const image = c.container.image;
      if (typeof image !== 'string' || image.includes('@')) return null;
      const last = image.split('/').pop() ?? image;
      const tag = last.includes(':') ? last.split(':').pop() : null;
      if (tag && tag !== 'latest') return null;
      return hit(r, [...c.path, 'image'], `${cname(c)} runs "${image}", which ${tag ? 'is :latest' : 'has no tag and means :latest'}: what runs changes under you. Pin a version or a digest.`);
    });
  },
};
