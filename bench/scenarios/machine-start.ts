// `machine-start`: `berth machine start` until the engine's API answers on the host's forwarded
// socket (the command returns only then), and `berth machine stop` until QEMU has exited, on one
// machine started and stopped again each round, as a user does. Targets (issue 9): start under
// 10 s and stop under 3 s, here under QEMU's TCG (this host's /dev/kvm cannot boot a stock
// kernel). The warm-up round is the machine's first boot, which also makes its SSH host key.
// Each round also reports where the guest's time went, from the "berth-init: <uptime> s: ..."
// lines its init writes on the serial console (build/machine-image/guest/berth-init).
// podman machine cannot run here (see `note`), so the figures are absolute, against the targets.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { apiAnswers } from '../../engine/src/machine/qemu/api-forward.js';
import { buildMachineImage } from '../../test/integration/helpers/machine-image.js';
import type { Measurement, Scenario } from '../scenario.js';
import { BERTH_BIN } from '../side-by-side-stores.js';

const run = promisify(execFile);
const MACHINE = 'bench';
let base = '';

/** Why podman's machine cannot be timed beside Berth's on this host (undefined when it could). */
function podmanMachineMissing(): string | undefined {
  const info = spawnSync('podman', ['machine', 'info'], { encoding: 'utf8' });
  if (info.error) return `podman is not installed (${info.error.message})`;
  if (info.status !== 0) return `\`podman machine info\` fails here: ${info.stderr.trim()}`;
  const gvproxy = spawnSync(
    'sh',
    ['-c', 'command -v gvproxy || ls /usr/libexec/podman/gvproxy /usr/lib/podman/gvproxy'],
    {
      encoding: 'utf8',
    },
  );
  if (gvproxy.status !== 0)
    return 'podman machine needs gvproxy, which Debian 12 does not package, and a Fedora CoreOS image download';
  return undefined;
}

function berth(args: readonly string[]): Promise<{ stdout: string }> {
  return run(process.execPath, [BERTH_BIN, '--root', `${base}/root`, '--runroot', `${base}/run`, ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: `${base}/config` },
    maxBuffer: 1 << 24,
  });
}

async function timed(args: readonly string[]): Promise<number> {
  const started = performance.now();
  await berth(args);
  return performance.now() - started;
}

/** The guest's own timeline from the console: seconds since the kernel started, per step. */
function guestSteps(): Measurement[] {
  const consoleLog = path.join(base, 'root', 'machine', 'machines', MACHINE, 'console.log');
  const text = readFileSync(consoleLog, 'latin1');
  const at = (step: string) => {
    const match = new RegExp(`berth-init: ([0-9.]+) s: ${step}`).exec(text);
    if (!match) throw new Error(`no "${step}" line on the machine's console (${consoleLog})`);
    return Number(match[1]) * 1000;
  };
  const init = at('init started');
  return [
    { name: 'guest: kernel start to init', value: init, unit: 'ms' },
    { name: 'guest: init to sshd started', value: at('sshd started') - init, unit: 'ms' },
    { name: 'guest: init to API service listening', value: at('API service listening') - init, unit: 'ms' },
  ];
}

async function measureOnce(): Promise<Measurement[]> {
  const start = await timed(['machine', 'start', MACHINE]);
  const inspect = JSON.parse((await berth(['machine', 'inspect', MACHINE])).stdout) as {
    ConnectionInfo: { PodmanSocket: { Path: string } };
  }[];
  const socket = inspect[0]!.ConnectionInfo.PodmanSocket.Path;
  if (!(await apiAnswers(socket)))
    throw new Error(`machine start returned but the API does not answer on ${socket}`);
  const steps = guestSteps();
  const stop = await timed(['machine', 'stop', MACHINE]);
  return [
    { name: 'machine start to API ready', value: start, unit: 'ms', max: 10_000 },
    { name: 'machine stop', value: stop, unit: 'ms', max: 3_000 },
    ...steps,
  ];
}

const missing = podmanMachineMissing();

const scenario: Scenario = {
  name: 'machine-start',
  description: 'berth machine start (until the API answers) and machine stop, under QEMU (TCG here)',
  subjects: [],
  targets: [],
  note: missing
    ? `Berth alone against the issue's absolute targets: ${missing}`
    : 'podman machine looks usable here, but this scenario times Berth alone: a side-by-side round needs a podman machine image',
  async setup() {
    const image = await buildMachineImage();
    base = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-machine-'));
    await berth(['machine', 'init', '--image', image, '--cpus', '2', '--memory', '2048', MACHINE]);
  },
  measure: measureOnce,
  async teardown() {
    if (!base) return;
    await berth(['machine', 'rm', '-f', MACHINE]).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  },
};
export default scenario;
