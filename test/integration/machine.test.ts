// Machines for real under QEMU (TCG here): build the image (cached), init with a shared folder,
// start, ssh, load the busybox fixture and run a container through the forwarded API socket with
// the docker CLI, read its logs, stop, start again, rm. Also: a boot that panics fails with the
// console's lines, and a host without QEMU is told what to install. Nothing is skipped: the
// set-up installs QEMU, so its absence is a failure.
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnBerth, tempStore, type BerthStore, type RunResult } from './helpers/berth-cli.js';
import { buildMachineImage } from './helpers/machine-image.js';

const MINUTE = 60_000;
let image: string;
let work: string;
let store: BerthStore;
let busyboxTar: string;
const machines: string[] = [];

function docker(socket: string, args: string[], timeoutMs = 2 * MINUTE): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, {
      env: {
        ...process.env,
        DOCKER_HOST: `unix://${socket}`,
        DOCKER_CONFIG: path.join(work, 'docker-config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The user's config dir of these tests: machines register connections there. */
let configHome: string;

async function machine(args: string[], timeoutMs = 10 * MINUTE): Promise<RunResult> {
  return store.run(['machine', ...args], { timeoutMs, env: { XDG_CONFIG_HOME: configHome } });
}

/** The QEMU processes of machine `name` of this test's store (its disk is under the store). */
function qemusOf(name: string): number[] {
  const disk = path.join(store.root, 'machine', 'machines', name);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.includes('qemu-system') && argv.some((arg) => arg.includes(`${disk}/`)))
        found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

const tail = (text: string, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n');

/**
 * What a failure in the middle of the machine's life needs to be understood once the afterAll
 * has removed the machine: the guest's API service log, the host's forwarder log, the console.
 */
async function machineDiagnostics(name: string): Promise<string> {
  const dataDir = path.join(store.root, 'machine', 'machines', name);
  const readTail = (file: string) => {
    try {
      return tail(readFileSync(file, 'utf8'));
    } catch (error) {
      return `(cannot read ${file}: ${(error as Error).message})`;
    }
  };
  const service = await machine(
    ['ssh', name, 'tail', '-n', '60', '/var/log/berth-service.log'],
    MINUTE,
  ).catch((error: Error) => ({ code: -1, stdout: '', stderr: error.message }));
  return [
    `--- guest /var/log/berth-service.log (ssh exit ${service.code}) ---`,
    service.stdout + service.stderr,
    '--- host api-forward.log ---',
    readTail(path.join(dataDir, 'api-forward.log')),
    '--- console.log ---',
    readTail(path.join(dataDir, 'console.log')),
  ].join('\n');
}

/** Runs `body`; when it throws, the machine's diagnostics go with the error. */
async function withDiagnostics(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    // In the error's message: CI shows the end of the output, where the failures are listed.
    const logs = `\nmachine ${name}'s logs:\n${await machineDiagnostics(name)}`;
    if (error instanceof Error) error.message += logs;
    else console.error(logs);
    throw error;
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-machine-'));
  configHome = path.join(work, 'config');
  store = tempStore();
  const started = Date.now();
  image = await buildMachineImage();
  console.log(`machine image ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${image}`);
  // The guest has no registry to pull from: the busybox fixture goes in as a `berth save` archive.
  const host = tempStore();
  try {
    const pulled = await host.run(['pull', '-q', `${inject('registryHost')}/library/busybox`]);
    expect(pulled.stderr).toBe('');
    busyboxTar = path.join(work, 'busybox.tar');
    const saved = await host.run(['save', '-o', busyboxTar, `${inject('registryHost')}/library/busybox`]);
    expect(saved.code, saved.stderr).toBe(0);
  } finally {
    host.cleanup();
  }
}, 20 * MINUTE);

afterAll(async () => {
  for (const name of machines) await machine(['rm', '-f', name]).catch(() => undefined);
  store?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
}, 5 * MINUTE);

describe('berth machine (QEMU)', () => {
  it('tells a host without QEMU what to install', async () => {
    const result = await store.run(['machine', 'init', '--image', image, 'no-qemu'], {
      env: { PATH: '/nonexistent' },
    });
    expect(result.code).toBe(125);
    expect(result.stderr).toContain('qemu-system-x86_64');
    expect(result.stderr).toContain('apt-get install qemu-system-x86');
    expect((await machine(['ls', '-q'])).stdout).toBe('');
  });

  it(
    'inits, starts, runs a container through the forwarded API, stops, starts again and removes',
    async () => {
      const name = 'itest';
      machines.push(name);
      await withDiagnostics(name, async () => {
        const shared = path.join(work, 'shared');
        mkdirSync(shared);
        writeFileSync(path.join(shared, 'greeting'), 'hello from the host\n');

        let t = Date.now();
        const init = await machine([
          'init',
          '--image',
          image,
          '--cpus',
          '2',
          '--memory',
          '1536',
          '-v',
          `${shared}:/mnt/shared`,
          name,
        ]);
        expect(init.code, init.stderr).toBe(0);
        console.log(`machine init: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        const before = await machine([
          'ls',
          '--format',
          '{{.Name}} {{.VMType}} {{.LastUp}} {{.CPUs}} {{.Memory}}',
        ]);
        expect(before.stdout).toBe(`${name} qemu Never 2 1.5GiB\n`);

        t = Date.now();
        const start = await machine(['start', name]);
        expect(start.code, start.stderr).toBe(0);
        console.log(`machine start to API ready: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        const inspect = JSON.parse((await machine(['inspect', name])).stdout) as {
          State: string;
          ConnectionInfo: { PodmanSocket: { Path: string } };
          SSHConfig: { Port: number };
        }[];
        expect(inspect[0]!.State).toBe('running');
        const socket = inspect[0]!.ConnectionInfo.PodmanSocket.Path;
        expect(start.stdout).toContain(`DOCKER_HOST='unix://${socket}'`);
        expect(inspect[0]!.SSHConfig.Port).toBeGreaterThan(0);

        const uname = await machine(['ssh', name, 'uname', '-a']);
        expect(uname.code, uname.stderr).toBe(0);
        expect(uname.stdout).toMatch(/^Linux itest .* x86_64 GNU\/Linux\n$/);
        const greeting = await machine(['ssh', name, 'cat', '/mnt/shared/greeting']);
        expect(greeting.stdout).toBe('hello from the host\n');
        expect((await machine(['ssh', name, 'sh', '-c', 'exit 7'])).code).toBe(7);

        const loaded = await docker(socket, ['load', '-i', busyboxTar]);
        expect(loaded.code, loaded.stderr).toBe(0);
        const tagged = await docker(socket, ['tag', `${inject('registryHost')}/library/busybox`, 'busybox']);
        expect(tagged.code, tagged.stderr).toBe(0);
        const run = await docker(socket, ['run', '--rm', 'busybox', 'echo', 'hi']);
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe('hi\n');
        const detached = await docker(socket, [
          'run',
          '-d',
          '--name',
          'logger',
          'busybox',
          'sh',
          '-c',
          'echo line-one; echo line-two',
        ]);
        expect(detached.code, detached.stderr).toBe(0);
        expect((await docker(socket, ['wait', 'logger'])).stdout).toBe('0\n');
        const logs = await docker(socket, ['logs', 'logger']);
        expect(logs.stdout).toBe('line-one\nline-two\n');
        // The machine is a connection too: the host CLI reaches its engine by name.
        const env = { XDG_CONFIG_HOME: configHome };
        expect(
          (await store.run(['system', 'connection', 'ls', '--format', '{{.Name}} {{.URI}}'], { env })).stdout,
        ).toBe(`${name} unix://${socket}\n`);
        const remotePs = await store.run(['--connection', name, 'ps', '-a', '--format', '{{.Names}}'], {
          env,
        });
        expect(remotePs.code, remotePs.stderr).toBe(0);
        expect(remotePs.stdout).toBe('logger\n');
        const remoteRun = await store.run(
          ['--connection', name, 'run', '--rm', 'busybox', 'echo', 'via connection'],
          {
            env,
            timeoutMs: 2 * MINUTE,
          },
        );
        expect(remoteRun.code, remoteRun.stderr).toBe(0);
        expect(remoteRun.stdout).toBe('via connection\n');

        t = Date.now();
        const stop = await machine(['stop', name]);
        expect(stop.code, stop.stderr).toBe(0);
        console.log(`machine stop: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        expect((await machine(['inspect', '--format', '{{.State}}', name])).stdout).toBe('stopped\n');
        expect((await machine(['ssh', name, 'true'])).stderr).toContain(`machine ${name} is not running`);

        // Settings change while stopped; the disk grows (the guest grows ext4 on the next boot).
        const set = await machine(['set', '--cpus', '1', '--disk-size', '24', name]);
        expect(set.code, set.stderr).toBe(0);

        t = Date.now();
        const again = await machine(['start', name]);
        expect(again.code, again.stderr).toBe(0);
        console.log(`machine start again: ${((Date.now() - t) / 1000).toFixed(1)} s`);
        expect((await machine(['ssh', name, 'nproc'])).stdout).toBe('1\n');
        // The container made before the restart is still in the machine's store.
        expect((await docker(socket, ['logs', 'logger'])).stdout).toBe('line-one\nline-two\n');
        expect((await machine(['ls', '--format', '{{.LastUp}}'])).stdout).toBe('Currently running\n');

        const refused = await machine(['rm', name]);
        expect(refused.code).toBe(125);
        expect(refused.stderr).toContain('is running');
        const removed = await machine(['rm', '-f', name]);
        expect(removed.code, removed.stderr).toBe(0);
        expect((await machine(['ls', '-q'])).stdout).toBe('');
        expect((await store.run(['system', 'connection', 'ls', '-q'], { env })).stdout).toBe('');
      });
    },
    30 * MINUTE,
  );

  it(
    'cancels a start on Ctrl-C: the half-booted VM is stopped, and the machine starts later',
    async () => {
      const name = 'cancelled';
      machines.push(name);
      expect((await machine(['init', '--image', image, '--memory', '1024', name])).code).toBe(0);
      const start = spawnBerth(store, ['machine', 'start', name], {
        env: { ...process.env, XDG_CONFIG_HOME: configHome },
      });
      let stdout = '';
      let stderr = '';
      start.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      // Progress lines go to stderr, as podman's do.
      const booting = new Promise<void>((resolve) =>
        start.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('Waiting for')) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => start.on('close', resolve));
      await booting;
      expect(qemusOf(name)).toHaveLength(1);
      start.kill('SIGINT');
      expect(await exited).toBe(125);
      expect(stderr.trimEnd().split('\n').at(-1)).toBe(
        `Error: machine ${name}: start cancelled; the VM it had begun to boot was stopped`,
      );
      expect(stdout).toBe('');
      expect(qemusOf(name)).toEqual([]);
      expect((await machine(['inspect', '--format', '{{.State}}', name])).stdout).toBe('stopped\n');
      // Nothing half-done is left in the way of the next start.
      const again = await machine(['start', name]);
      expect(again.code, again.stderr).toBe(0);
      expect((await machine(['ssh', name, 'echo', 'up'])).stdout).toBe('up\n');
      expect((await machine(['rm', '-f', name])).code).toBe(0);
      expect(qemusOf(name)).toEqual([]);
    },
    10 * MINUTE,
  );

  it(
    'fails a boot that panics with the console lines, and reports the machine stopped',
    async () => {
      // The same image with a kernel command line that cannot find an init: the kernel panics.
      const broken = path.join(work, 'broken-image');
      mkdirSync(broken);
      const manifest = JSON.parse(readFileSync(path.join(image, 'image.json'), 'utf8')) as Record<
        string,
        string
      >;
      for (const part of [manifest.kernel!, manifest.initrd!, manifest.disk!])
        linkSync(path.join(image, part), path.join(broken, part));
      manifest.kernelCommandLine = 'console=ttyS0 panic=-1 rdinit=/no-such-init root=/dev/no-such-disk';
      writeFileSync(path.join(broken, 'image.json'), JSON.stringify(manifest));
      const name = 'panics';
      machines.push(name);
      expect((await machine(['init', '--image', broken, name])).code).toBe(0);
      const start = await machine(['start', name]);
      expect(start.code).toBe(125);
      expect(start.stderr).toContain(`machine ${name} did not start: QEMU exited`);
      expect(start.stderr).toContain('Kernel panic');
      expect((await machine(['inspect', '--format', '{{.State}}', name])).stdout).toBe('stopped\n');
      expect((await machine(['rm', name])).code).toBe(0);
    },
    10 * MINUTE,
  );
});
