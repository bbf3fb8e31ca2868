import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { classifyPath } from '../../../server/src/workspace/classify';

test('file names map to the kinds Drydock analyses', () => {
  const cases: Array<[string, string | null]> = [
    ['/w/Dockerfile', 'dockerfile'],
    ['/w/Dockerfile.prod', 'dockerfile'],
    ['/w/api.Dockerfile', 'dockerfile'],
    ['/w/build.dockerfile', 'dockerfile'],
    ['/w/dockerfile', 'dockerfile'],
    ['/w/.dockerignore', 'dockerignore'],
    ['/w/Dockerfile.dockerignore', 'dockerignore'],
    ['/w/k8s/app.yaml', 'yaml'],
    ['/w/k8s/app.YML', 'yaml'],
    ['/w/README.md', null],
    ['/w/Dockerfile-notes.txt', null],
  ];
  for (const [p, kind] of cases) assert.equal(classifyPath(p), kind, p);
});
