import { podTemplateOf } from '../../model';
import { drydockDocs, hit, type ManifestHit, type ManifestRule } from '../rule';
import { POD } from './shared';

export const hostPath: ManifestRule = {
  meta: {
    id: 'drydock/host-path', title: 'Pod mounts a hostPath volume', severity: 'warning', origin: 'drydock', docs: drydockDocs('host-path'),
    examples: { bad: POD('  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n'), good: POD('  volumes:\n    - name: cache\n      emptyDir: {}\n') },
  },
  check({ resources }) {
    const out: ManifestHit[] = [];
    for (const r of resources) {
      const t = podTemplateOf(r);
      ((t?.spec as any)?.volumes ?? []).forEach((v: any, i: number) => {
        if (!v?.hostPath) return;
        const p = String(v.hostPath.path ?? '');
        const docker = /docker\.sock|containerd\.sock/.test(p);
        out.push(hit(r, [...t!.specPath, 'volumes', i, 'hostPath', 'path'], docker
          ? `Volume "${v.name}" mounts the container runtime socket ${p}: whoever controls this pod controls the node.`
          : `Volume "${v.name}" mounts ${p} from the node: the pod depends on and can change the node's files.`));
      });
    }
    return out;
  },
};
