import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, SAFE, perContainer, cname } from './shared';

export const privilegeEscalation: ManifestRule = {
  meta: {
    id: 'privilege-escalation-container', title: 'Container allows privilege escalation', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('privilege-escalation-container'),
    examples: { bad: POD('', '      securityContext:\n        allowPrivilegeEscalation: true\n'), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => (c.container.securityContext?.allowPrivilegeEscalation === true ? hit(r, [...c.path, 'securityContext', 'allowPrivilegeEscalation'], `${cname(c)} allows privilege escalation (setuid binaries can gain root).`) : null));
  },
};
