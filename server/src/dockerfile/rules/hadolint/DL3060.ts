import { cleanupRule } from '../factories';
import { hadolintDocs } from '../rule';

/** `yarn install` keeps its cache in the layer unless cleaned. */
export const DL3060 = cleanupRule({
  id: 'DL3060', title: 'yarn cache clean missing after yarn install was run.', severity: 'info', origin: 'hadolint', docs: hadolintDocs('DL3060'),
  examples: { bad: 'FROM node:20-alpine\nRUN yarn install\n', good: 'FROM node:20-alpine\nRUN yarn install && yarn cache clean\n' },
}, ['yarn'], ['install', 'add'], (name, args) => name === 'yarn' && args[0] === 'cache' && args[1] === 'clean', 'yarn leaves its cache in this layer: add "&& yarn cache clean" to the same RUN.');
