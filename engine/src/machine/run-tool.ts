// Runs a host tool (qemu-img, wsl.exe, tar...) to completion and returns its output; a failure
// names the command and carries its stderr.
import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTool(
  file: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new Error(`cannot run ${file}: ${error.message}`)));
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      }),
    );
    if (child.stdin) {
      // A tool that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

/** runTool, throwing on a non-zero exit with the command and its stderr. */
export async function runToolChecked(file: string, args: string[], what: string): Promise<string> {
  const result = await runTool(file, args);
  if (result.code !== 0)
    throw new Error(`${what}: ${file} ${args.join(' ')} exited with ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}
