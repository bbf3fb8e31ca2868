/**
 * Checks the layer plan against a real image builder: Debian's buildah builds the fixture
 * Dockerfiles offline (vfs storage in a temp dir, chroot isolation, a busybox base made here), and
 * skopeo exports the uncompressed layers. Compared: which steps make layers, layer count, and the
 * tar size of every COPY/ADD layer from the build context.
 * Documented differences, allowed: buildah makes no layer for WORKDIR (BuildKit does), and its first
 * RUN on a base adds mount stubs (/dev, /proc, /etc/hosts …). RUN sizes are not compared.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layerPlanForFile } from '../../../server/src/workspace/dockerfiles';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'docker', 'buildah');
const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const available = have('buildah') && have('skopeo') && fs.existsSync('/bin/busybox');
const skip = !available && !process.env.CI ? 'buildah, skopeo or busybox-static is not installed (apt-get install buildah skopeo busybox-static)' : false;

function sh(script: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { env, encoding: 'utf8', timeout: 240000 });
  if (r.status !== 0) throw new Error(`command failed (${r.status}):\n${script}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface Exported {
  layers: number[];
  history: Array<{ created_by?: string; empty_layer?: boolean }>;
}

function exportImage(image: string, out: string, env: NodeJS.ProcessEnv): Exported {
  sh(`skopeo copy -q containers-storage:${image} dir:${out}`, env);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  const config = JSON.parse(fs.readFileSync(path.join(out, manifest.config.digest.replace('sha256:', '')), 'utf8'));
  return { layers: manifest.layers.map((l: { size: number }) => l.size), history: config.history ?? [] };
}

test('the layer plan matches what buildah builds (layers, kinds, COPY tar sizes)', { skip, timeout: 300000 }, () => {
  assert.ok(available, 'CI must have buildah, skopeo and busybox-static (see .ci/run)');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-buildah-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CONTAINERS_STORAGE_CONF: path.join(work, 'storage.conf'), BUILDAH_ISOLATION: 'chroot', HOME: work, TMPDIR: work };
  try {
    fs.writeFileSync(env.CONTAINERS_STORAGE_CONF!, `[storage]\ndriver = "vfs"\nrunroot = "${work}/runroot"\ngraphroot = "${work}/root"\n`);
    sh(`c=$(buildah from scratch); m=$(buildah mount $c)
mkdir -p $m/bin $m/tmp $m/etc $m/root; chmod 1777 $m/tmp; cp /bin/busybox $m/bin/
for a in $(/bin/busybox --list); do [ $a = busybox ] || ln -s busybox $m/bin/$a; done
printf 'root:x:0:0:root:/root:/bin/sh\\napp:x:1000:1000:app:/home/app:/bin/sh\\n' > $m/etc/passwd
printf 'root:x:0:\\napp:x:1000:\\n' > $m/etc/group
buildah umount $c >/dev/null; buildah config --env PATH=/bin --cmd /bin/sh $c
buildah commit -q --rm $c localhost/busybox:probe >/dev/null`, env);
    const base = exportImage('localhost/busybox:probe', path.join(work, 'base'), env);

    for (const name of fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, 'Dockerfile'))).sort()) {
      const dir = path.join(FIXTURES, name);
      const dockerfile = path.join(dir, 'Dockerfile');
      sh(`buildah build -q --layers --force-rm --pull=never --timestamp 0 --isolation chroot --storage-driver vfs -t localhost/${name}:test ${dir} >/dev/null`, env);
      const img = exportImage(`localhost/${name}:test`, path.join(work, name), env);
      const plan = layerPlanForFile(dockerfile, fs.readFileSync(dockerfile, 'utf8'));

      // The image's own history after the base image's entries, one per step of the final chain.
      const fromBusybox = plan.image.base === 'localhost/busybox:probe';
      const history = img.history.slice(fromBusybox ? base.history.length : 0);
      const chain = plan.image.layers.map((l) => plan.stages[l.stage].steps[l.step]);
      const expectedLayers = chain.filter((s) => s.instruction !== 'WORKDIR');
      const built = history.filter((h) => !h.empty_layer);
      assert.equal(built.length, expectedLayers.length, `${name}: buildah made ${built.length} layers, the plan ${expectedLayers.length}\n${JSON.stringify(history, null, 1)}`);
      const ownLayers = img.layers.slice(fromBusybox ? base.layers.length : 0);
      assert.equal(ownLayers.length, expectedLayers.length, `${name}: layer count`);
      // Config-only steps make no layer in either model.
      const finalStage = plan.stages[plan.image.layers.length ? plan.image.layers[plan.image.layers.length - 1].stage : plan.stages.length - 1];
      const configSteps = finalStage.steps.filter((s) => s.kind === 'config').length;
      assert.ok(history.filter((h) => h.empty_layer).length >= configSteps, `${name}: config steps`);
      if (process.env.DRYDOCK_DEBUG) console.log(name, JSON.stringify(ownLayers), JSON.stringify(expectedLayers.map((s) => s.tarBytes)));
      expectedLayers.forEach((step, i) => {
        if (step.tarBytes === null) return; // RUN, COPY --from: not sized by the plan
        assert.equal(ownLayers[i], step.tarBytes, `${name}: ${step.instruction} ${step.arguments} (line ${step.line + 1}): buildah ${ownLayers[i]} bytes, plan ${step.tarBytes}`);
      });
      // Stages the target does not need are skipped by both.
      if (name === 'multi-stage') assert.deepEqual(plan.stages.map((s) => s.skipped), [false, true, false]);
    }
  } finally {
    spawnSync('bash', ['-c', `buildah rm --all >/dev/null 2>&1; buildah rmi --all --force >/dev/null 2>&1`], { env });
    spawnSync('bash', ['-c', `chmod -R u+w ${work} 2>/dev/null; rm -rf ${work}`]);
  }
});
