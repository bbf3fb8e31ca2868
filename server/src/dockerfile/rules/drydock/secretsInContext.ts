import type { DockerfileRule } from '../rule';
import { drydockDocs, report } from '../rule';
import { contextCopies, contextView, matchSource } from '../context';

const SECRET_FILES: Array<[RegExp, string]> = [
  [/(^|\/)\.env(\.[^/]*)?$/, 'an environment file'],
  [/\.(pem|key|p12|pfx|jks|keystore)$/i, 'a key or certificate store'],
  [/(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/, 'an SSH private key'],
  [/(^|\/)\.npmrc$/, 'an .npmrc (may hold a registry token)'],
  [/(^|\/)\.pypirc$/, 'a .pypirc (may hold an upload token)'],
  [/(^|\/)\.aws\/credentials$/, 'AWS credentials'],
  [/(^|\/)\.docker\/config\.json$/, 'Docker registry credentials'],
  [/(^|\/)\.netrc$/, 'a .netrc'],
  [/(^|\/)(credentials|secrets?)\.(json|ya?ml|txt)$/i, 'a credentials file'],
];

/**
 * Secrets and the git directory copied into the image because .dockerignore does not exclude them.
 * Names only: a finding never shows a file's content.
 */
export const secretsInContext: DockerfileRule = {
  meta: {
    id: 'drydock/secret-in-image', title: 'A COPY puts secrets or the .git directory into the image', severity: 'warning', origin: 'drydock', docs: drydockDocs('secret-in-image'),
    examples: { bad: 'FROM alpine:3.20\nCOPY . /srv/\n', good: 'FROM alpine:3.20\nCOPY app.py /srv/\n' },
  },
  check(f) {
    const view = contextView(f);
    if (!view) return [];
    const out = [];
    for (const { step, sources } of contextCopies(f)) {
      const copied = new Map<string, string>();
      for (const s of sources) {
        for (const file of matchSource(s.value, view.kept)) {
          if (file.path.startsWith('.git/')) copied.set('.git/', 'the git directory (history, remotes, maybe credentials)');
          const hit = SECRET_FILES.find(([re]) => re.test(file.path));
          if (hit) copied.set(file.path, hit[1]);
        }
      }
      if (!copied.size) continue;
      const list = [...copied.entries()].slice(0, 5).map(([p, what]) => `${p} (${what})`).join(', ');
      const more = copied.size > 5 ? ` and ${copied.size - 5} more` : '';
      const patterns = [...copied.keys()].map((p) => (p === '.git/' ? '.git' : p)).slice(0, 5).join(', ');
      const ignoreName = view.ignoreFile ? view.ignoreFile.split(/[\\/]/).pop() : '.dockerignore';
      out.push(report(this.meta, step.range, `This ${step.instruction} copies ${list}${more} into the image, where anyone who pulls it can read it. Add to ${ignoreName}: ${patterns}`));
    }
    return out;
  },
};
