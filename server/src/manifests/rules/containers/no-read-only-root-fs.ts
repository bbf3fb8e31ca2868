import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, SAFE, perContainer, cname } from './shared';

export const readOnlyRootFs: ManifestRule = {
  meta: {
    id: 'no-read-only-root-fs', title: 'Container root filesystem is writable', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('no-read-only-root-fs'),
    examples: { bad: POD(''), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.readOnlyRootFilesystem === true ? null : hit(r, [...c.path, 'name'], `${cname(c)} can write to its root filesystem: set securityContext.readOnlyRootFilesystem: true and mount what must be writable.`)));
  },
};
