import { UsageError } from '../workspace/files';
import { CHECK_USAGE, runCheck } from './commands/check';
import { LAYERS_USAGE, runLayers } from './commands/layers';
import { runSimulate, SIMULATE_USAGE } from './commands/simulate';
import { runGraph } from './commands/graph';
import { VERSION, type CommandIO } from './io';

const USAGE = `drydock ${VERSION} — layer plans for Dockerfiles, checks for Kubernetes manifests, a simulated cluster.

Commands:
  check [paths…]        lint Dockerfiles and manifests (text, json, sarif)
  layers <Dockerfile>   the layer plan of a Dockerfile
  simulate [paths…]     apply manifests to a simulated cluster
  graph [paths…]        the resource graph of manifests (json, dot, mermaid)

Run "drydock <command> --help" for a command's options.

${CHECK_USAGE}

${LAYERS_USAGE}

${SIMULATE_USAGE}
`;

const COMMANDS: Record<string, (argv: string[], io: CommandIO) => Promise<number>> = {
  check: runCheck,
  layers: runLayers,
  simulate: runSimulate,
  graph: runGraph,
};

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(VERSION + '\n');
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`drydock: unknown command "${command}". Run "drydock --help".\n`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`drydock ${command}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`drydock ${command}: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CommandIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
