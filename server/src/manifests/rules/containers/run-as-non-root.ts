import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, SAFE, perContainer, cname } from './shared';

export const runAsNonRoot: ManifestRule = {
  meta: {
    id: 'run-as-non-root', title: 'Container may run as root', severity: 'info', origin: 'kube-linter', docs: kubeLinterDocs('run-as-non-root'),
    examples: { bad: POD(''), good: POD('', SAFE) },
  },
  check(ctx) {
    return perContainer(ctx, (r, t, c) => {
      const pod = (t.spec as any).securityContext ?? {};
      const sc = c.container.securityContext ?? {};
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const user = sc.runAsUser ?? pod.runAsUser;
      if (nonRoot === true || (typeof user === 'number' && user > 0)) return null;
      return hit(r, [...c.path, 'name'], `${cname(c)} may run as root: set securityContext.runAsNonRoot: true (or a non-zero runAsUser).`);
    });
  },
};
