import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, SAFE, perContainer, cname } from './shared';

export const privileged: ManifestRule = {
  meta: {
    id: 'privileged-container', title: 'Container runs privileged', severity: 'error', origin: 'kube-linter', docs: kubeLinterDocs('privileged-container'),
    examples: { bad: POD('', '      securityContext:\n        privileged: true\n'), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.privileged === true ? hit(r, [...c.path, 'securityContext', 'privileged'], `${cname(c)} is privileged: it has full access to the node.`) : null));
  },
};
