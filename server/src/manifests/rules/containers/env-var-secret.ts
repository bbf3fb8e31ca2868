import { hit, kubeLinterDocs, type ManifestRule } from '../rule';
import { POD, perContainer, SECRET_ENV } from './shared';

/** Secrets written as plain env values end up in the manifest, in git and in `kubectl describe`. Never prints the value. */
export const envVarSecret: ManifestRule = {
  meta: {
    id: 'env-var-secret', title: 'Secret written as a plain environment value', severity: 'warning', origin: 'kube-linter', docs: kubeLinterDocs('env-var-secret'),
    examples: {
      bad: POD('', '      env:\n        - name: DB_PASSWORD\n          value: hunter2\n'),
      good: POD('', '      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n') + '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: x\n',
    },
  },
  check(ctx) {
    return perContainer(ctx, (r, _t, c) =>
      ((c.container.env ?? []) as Array<{ name?: string; value?: unknown }>).flatMap((e, i) =>
        typeof e.name === 'string' && SECRET_ENV.test(e.name) && typeof e.value === 'string' && e.value !== ''
          ? [hit(r, [...c.path, 'env', i, 'value'], `Environment variable ${e.name} holds a secret in plain text; read it from a Secret with valueFrom.secretKeyRef.`)]
          : []));
  },
};
