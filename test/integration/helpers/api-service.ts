// Starts `berth system service` on a unix socket for a test store, as a user would, and runs the
// docker CLI (the one on PATH) against it with a private DOCKER_CONFIG, so nothing of the
// machine's own Docker set-up is read or written.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { BERTH_BIN, type RunResult } from './berth-cli.js';

export interface ApiService {
  socket: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  /** Runs `docker ...args` against the service. */
  docker(
    args: readonly string[],
    options?: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string },
  ): Promise<RunResult>;
  /** A plain HTTP request over the socket. */
  request(
    method: string,
    urlPath: string,
    body?: string | Buffer,
    headers?: http.OutgoingHttpHeaders,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>;
  stop(): Promise<void>;
}

export async function startApiService(store: { root: string; runroot: string }): Promise<ApiService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-api-'));
  const socket = path.join(dir, 'docker.sock');
  const child = spawn(
    process.execPath,
    [
      BERTH_BIN,
      '--root',
      store.root,
      '--runroot',
      store.runroot,
      'system',
      'service',
      '--time',
      '0',
      `unix://${socket}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const env = {
    ...process.env,
    DOCKER_HOST: `unix://${socket}`,
    DOCKER_CONFIG: path.join(dir, 'docker-config'),
  };
  const request: ApiService['request'] = (method, urlPath, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = http.request({ socketPath: socket, method, path: urlPath, headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (existsSync(socket)) {
      const ping = await request('GET', '/_ping').catch(() => undefined);
      if (ping?.status === 200) break;
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`berth system service did not come up on ${socket}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const docker: ApiService['docker'] = (args, options = {}) =>
    new Promise((resolve, reject) => {
      const run = spawn('docker', args, {
        env: { ...env, ...options.env },
        cwd: options.cwd,
        stdio: 'pipe',
      });
      let stdout = '';
      let err = '';
      run.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      run.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const timer = setTimeout(() => {
        run.kill('SIGKILL');
        reject(new Error(`docker ${args.join(' ')} did not finish in time\n${stdout}\n${err}`));
      }, options.timeoutMs ?? 30_000);
      run.on('error', reject);
      run.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stdout, stderr: err });
      });
      run.stdin.end(options.input ?? '');
    });
  return {
    socket,
    env,
    process: child,
    docker,
    request,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
