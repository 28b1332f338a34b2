// The WSL2 provider against a fake wsl.exe (a shell script keeping its distributions in a folder
// and answering --list in UTF-16LE, as the real one does on a Windows console).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MachineConfig } from '../machine-config.js';
import { MachineHostError } from '../machine-errors.js';
import { machinePaths } from '../machine-paths.js';
import type { MachineRecord } from '../machine-store.js';
import { decodeWslOutput, WslProvider } from './wsl-provider.js';

const FAKE_WSL = `#!/bin/bash
state="$FAKE_WSL_STATE"
echo "$*" >>"$state/calls"
utf16() { printf '%s' "$1" | iconv -f utf-8 -t utf-16le; }
case "$1" in
  --import) [ -f "$4" ] || { echo "no such file $4" >&2; exit 1; }; mkdir -p "$state/distros/$2"; exit 0 ;;
  --list) for d in "$state"/distros/*/running; do [ -e "$d" ] && utf16 "$(basename "$(dirname "$d")")"$'\\r\\n'; done; exit 0 ;;
  --terminate) rm -f "$state/distros/$2/running" "$state/distros/$2/sock"; exit 0 ;;
  --unregister) [ -d "$state/distros/$2" ] || { utf16 "There is no distribution with the supplied name."; exit 1; }; rm -rf "$state/distros/$2"; exit 0 ;;
  -d)
    distro="$2"; shift 4; [ "$1" = "--" ] && shift
    [ -d "$state/distros/$distro" ] || { echo "no distribution $distro" >&2; exit 1; }
    touch "$state/distros/$distro/running"
    case "$*" in
      *"system service"*) [ -n "$FAKE_WSL_SERVICE_HANGS" ] || touch "$state/distros/$distro/sock"; exit 0 ;;
      "test -S /run/berth/berth.sock") [ -e "$state/distros/$distro/sock" ]; exit $? ;;
      *) "$@" ;;
    esac ;;
esac
`;

let dir: string;
let provider: WslProvider;
let machine: MachineRecord;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-wsl-'));
  const wsl = path.join(dir, 'wsl.exe');
  writeFileSync(wsl, FAKE_WSL);
  chmodSync(wsl, 0o755);
  mkdirSync(path.join(dir, 'state', 'distros'), { recursive: true });
  const imageDir = path.join(dir, 'image');
  mkdirSync(imageDir);
  writeFileSync(path.join(imageDir, 'rootfs.tar'), 'tar');
  provider = new WslProvider({
    wslPath: wsl,
    env: { ...process.env, FAKE_WSL_STATE: path.join(dir, 'state') },
  });
  const config: MachineConfig = {
    name: 'dev',
    vmType: 'wsl',
    created: new Date().toISOString(),
    cpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    rootful: true,
    image: { dir: imageDir, kernel: '', initrd: '', disk: '', kernelCommandLine: '', source: imageDir },
    mounts: [],
    remoteUsername: 'root',
  };
  machine = {
    config,
    paths: machinePaths(
      { graphRoot: path.join(dir, 'root'), runRoot: path.join(dir, 'run') } as never,
      'dev',
    ),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls = () =>
  readFileSync(path.join(dir, 'state', 'calls'), 'utf8')
    .trim()
    .split('\n');

describe('WslProvider', () => {
  it('imports the rootfs, runs the engine, terminates and unregisters the distribution', async () => {
    await provider.init(machine);
    expect(calls()[0]).toBe(
      `--import berth-dev ${path.join(machine.paths.dataDir, 'wsl')} ${path.join(machine.config.image.dir, 'rootfs.tar')} --version 2`,
    );
    expect(await provider.status(machine)).toBe('stopped');
    await provider.start(machine);
    expect(
      calls().some((call) => call.includes('system service --time 0 unix:///run/berth/berth.sock')),
    ).toBe(true);
    expect(await provider.status(machine)).toBe('running');
    expect(await provider.ssh(machine, ['true'], { stdio: 'pipe' })).toBe(0);
    expect(await provider.ssh(machine, ['false'], { stdio: 'pipe' })).toBe(1);
    await provider.stop(machine);
    expect(await provider.status(machine)).toBe('stopped');
    await provider.remove(machine);
    expect(existsSync(path.join(dir, 'state', 'distros', 'berth-dev'))).toBe(false);
  });

  it('stops the distribution when a start waiting for the engine is cancelled', async () => {
    await provider.init(machine);
    const hanging = new WslProvider({
      wslPath: path.join(dir, 'wsl.exe'),
      env: { ...process.env, FAKE_WSL_STATE: path.join(dir, 'state'), FAKE_WSL_SERVICE_HANGS: '1' },
    });
    const controller = new AbortController();
    const started = hanging.start(machine, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await expect(started).rejects.toThrow(
      'machine dev: start cancelled; the VM it had begun to boot was stopped',
    );
    expect(calls().at(-1)).toBe('--terminate berth-dev');
    expect(await hanging.status(machine)).toBe('stopped');
  });

  it('reports wsl.exe failures with what failed and its message', async () => {
    await expect(provider.remove(machine)).rejects.toThrow(
      /cannot remove machine dev: wsl.exe --unregister berth-dev exited with 1: There is no distribution/,
    );
  });

  it('names what to install when wsl.exe is missing', () => {
    const bare = new WslProvider({ env: { PATH: dir + '/nowhere' } });
    expect(() => bare.checkHost()).toThrow(MachineHostError);
    expect(() => bare.checkHost()).toThrow(/wsl --install/);
  });

  it('decodes UTF-16LE output', () => {
    expect(decodeWslOutput(Buffer.from('\uFEFFberth-dev\r\n', 'utf16le').toString('utf8'))).toBe(
      'berth-dev\r\n',
    );
  });
});
