import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, perContainer, cname } from './shared';

export const sshPort: ManifestRule = {
  meta: {
    id: 'ssh-port', title: 'Container exposes port 22', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('ssh-port'),
    examples: { bad: POD('', '      ports:\n        - containerPort: 22\n'), good: POD('', '      ports:\n        - containerPort: 8080\n') },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) => ((c.container.ports ?? []) as Array<{ containerPort?: number }>).flatMap((p, i) => (p.containerPort === 22 ? [hit(r, [...c.path, 'ports', i, 'containerPort'], `${cname(c)} exposes SSH (22); use kubectl exec instead of an SSH daemon.`)] : [])));
  },
};
