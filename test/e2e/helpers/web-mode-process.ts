// Starts `berth desktop --web` (the built CLI, a real engine on a temporary store) and returns
// the URL it prints, token included.
import { spawn, type ChildProcess } from 'node:child_process';
import { BERTH_BIN } from '../../integration/helpers/berth-cli.js';

export interface WebModeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startWebModeProcess(
  storeArgs: readonly string[],
  /** Added to this process's environment (e.g. XDG_CONFIG_HOME: where connections are kept). */
  env: NodeJS.ProcessEnv = {},
): Promise<WebModeProcess> {
  const child = spawn(process.execPath, [BERTH_BIN, ...storeArgs, 'desktop', '--web'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`berth desktop --web printed no URL in 15 s: ${output}`)),
      15_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`berth desktop --web exited ${code}: ${output}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
