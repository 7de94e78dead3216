import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** A writable stream that keeps what is written, for asserting on command output. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process with `args` and returns its exit code and output. */
export async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['node', 'lmi', ...args], { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
