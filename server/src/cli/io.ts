export const VERSION = '0.1.0';

/** What a command may touch of the process: its output streams and working directory. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}
