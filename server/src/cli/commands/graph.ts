import type { CommandIO } from '../io';

export async function runGraph(_argv: string[], io: CommandIO): Promise<number> {
  io.stderr('drydock graph: the resource graph is not built yet.\n');
  return 2;
}
