/**
 * The dockerfile-ast classes the analyses test instances against, read once. dockerfile-ast is CommonJS: in the
 * bundle every named import of it is a getter on an interop object, called on each `instanceof`; these
 * constants make the hot checks plain variable reads (about 5 ms of a 2,000-line analysis).
 */
import * as dockerfileAst from 'dockerfile-ast';

export const { Arg, Copy, Env, From, JSONInstruction, Label, ModifiableInstruction, Run } = dockerfileAst;
export type { Instruction, Property } from 'dockerfile-ast';
export type Arg = dockerfileAst.Arg;
export type Copy = dockerfileAst.Copy;
export type Env = dockerfileAst.Env;
export type From = dockerfileAst.From;
export type JSONInstruction = dockerfileAst.JSONInstruction;
export type Label = dockerfileAst.Label;
export type ModifiableInstruction = dockerfileAst.ModifiableInstruction;
export type Run = dockerfileAst.Run;
