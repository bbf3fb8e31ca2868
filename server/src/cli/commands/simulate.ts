import type { CommandIO } from '../io';

export async function runSimulate(_argv: string[], io: CommandIO): Promise<number> {
  io.stderr('drydock simulate: the simulated cluster is not built yet.\n');
  return 2;
}
