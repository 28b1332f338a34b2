// Versions of the low-level tools Berth drives, read from their own `--version` output.
import { execFile } from 'node:child_process';
import { findExecutable } from '../util/find-executable.js';

export interface ToolInfo {
  name: string;
  path: string;
  version: string;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 5000 }, (error, stdout, stderr) =>
      resolve(error ? '' : `${stdout}${stderr}`),
    );
  });
}

/** Path and first `--version` line of a tool, or undefined when it is not installed. */
export async function probeTool(
  name: string,
  versionArgs: string[] = ['--version'],
): Promise<ToolInfo | undefined> {
  const file = findExecutable(name);
  if (!file) return undefined;
  const output = await run(file, versionArgs);
  const firstLine = output.split('\n').find((l) => l.trim() !== '') ?? '';
  return { name, path: file, version: firstLine.trim() };
}
