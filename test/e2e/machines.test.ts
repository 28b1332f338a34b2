// The Machines page in Debian's Chromium, through web mode, against real QEMU machines (KVM when
// the host has it, TCG otherwise): create a machine from the machine image through the dialog (the
// image left empty: the newest built one, as `berth machine init` takes), see it listed stopped;
// start it from the UI (the task panel follows the boot), type `echo hi` in its SSH terminal and
// see `hi`; stop and delete it, the CLI agreeing at each step. And a machine whose kernel cannot
// boot: its start fails in the UI with the console's last lines (the kernel panic) shown. One
// machine serves the whole file; nothing may be left running afterwards.
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultImageSource } from '../../engine/src/machine/image-source.js';
import { tempStore, type RunResult } from '../integration/helpers/berth-cli.js';
import { buildMachineImage } from '../integration/helpers/machine-image.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const MINUTE = 60_000;
const MACHINE = 'e2e-vm';
const BROKEN = 'e2e-broken';
const store = tempStore();
let work: string;
let env: NodeJS.ProcessEnv;
let image: string;
let brokenImage: string;
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

function machine(args: string[]): Promise<RunResult> {
  return store.run(['machine', ...args], { timeoutMs: 5 * MINUTE, env });
}

/** QEMU processes of this store's machines (their disks live under it). */
function qemus(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.includes('qemu-system') && argv.some((a) => a.includes(store.root)))
        found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

/** The same image with a kernel command line that finds no init: the kernel panics at once. */
function makeBrokenImage(from: string, to: string): void {
  mkdirSync(to);
  const manifest = JSON.parse(readFileSync(path.join(from, 'image.json'), 'utf8')) as Record<string, string>;
  for (const part of [manifest.kernel!, manifest.initrd!, manifest.disk!]) {
    try {
      linkSync(path.join(from, part), path.join(to, part));
    } catch {
      symlinkSync(path.join(from, part), path.join(to, part)); // another file system
    }
  }
  manifest.kernelCommandLine = 'console=ttyS0 panic=-1 rdinit=/no-such-init root=/dev/no-such-disk';
  writeFileSync(path.join(to, 'image.json'), JSON.stringify(manifest));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-machines-'));
  // The newest image build-image.sh made (what `machine init` takes without --image), else one
  // built now (about 100 s, cached for later runs).
  image = defaultImageSource() ?? (await buildMachineImage());
  brokenImage = path.join(work, 'broken-image');
  makeBrokenImage(image, brokenImage);
  // Machines register connections in the user's config: this file's own, not the real one.
  env = { XDG_CONFIG_HOME: path.join(work, 'config'), BERTH_MACHINE_IMAGE: image };
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot], env);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
}, 10 * MINUTE);

afterAll(async () => {
  await closeBrowser?.();
  for (const name of [MACHINE, BROKEN]) await machine(['rm', '-f', name]).catch(() => undefined);
  await server?.stop();
  const left = qemus();
  for (const pid of left) process.kill(pid, 'SIGKILL');
  store.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
  expect(left).toEqual([]);
  expect(pageErrors).toEqual([]);
}, 5 * MINUTE);

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
const row = (name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });
const statusOf = (name: string, status: string) =>
  row(name)
    .getByTestId('machine-status')
    .filter({ hasText: new RegExp(`^${status}$`) });

async function createInDialog(name: string, fields: { image?: string; memory: string }): Promise<void> {
  await page.getByRole('button', { name: 'Create machine', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a machine' });
  await dialog.getByRole('textbox', { name: 'Machine name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'CPUs' }).fill('2');
  await dialog.getByRole('textbox', { name: 'Memory (MiB)' }).fill(fields.memory);
  if (fields.image) await dialog.getByRole('textbox', { name: 'Machine image' }).fill(fields.image);
  await shot(`machine-create-dialog-${name}`);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await statusOf(name, 'stopped').waitFor({ timeout: 2 * MINUTE });
}

/** The task panel floats over the list's right end: open it to read, hide it again after. */
const taskPanel = () => page.getByRole('region', { name: 'Tasks' });
async function showTasks(): Promise<void> {
  const button = page.getByRole('button', { name: /^Tasks/ });
  if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
}
const hideTasks = () => taskPanel().getByRole('button', { name: 'Hide' }).click();

describe('Machines page (web mode, real QEMU)', () => {
  it('creates a machine from the newest image through the dialog and lists it stopped', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Machines' }).click();
    await page.getByText('No machines yet.').waitFor();
    // A memory size the contract refuses is caught in the dialog, before anything is sent.
    await page.getByRole('button', { name: 'Create machine', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a machine' });
    await dialog.getByRole('textbox', { name: 'Memory (MiB)' }).fill('100');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText('use at least 256 MiB').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await createInDialog(MACHINE, { memory: '1536' });
    await statusOf(MACHINE, 'stopped').waitFor();
    await row(MACHINE)
      .getByTestId('machine-connection')
      .filter({ hasText: `${MACHINE} (default)` })
      .waitFor();
    expect(await row(MACHINE).textContent()).toContain('1536 MiB');
    await shot('machines-list-stopped');
    const listed = await machine([
      'ls',
      '--format',
      '{{.Name}} {{.VMType}} {{.CPUs}} {{.Memory}} {{.LastUp}}',
    ]);
    expect(listed.stdout).toBe(`${MACHINE} qemu 2 1.5GiB Never\n`);
    const inspect = JSON.parse((await machine(['inspect', MACHINE])).stdout) as {
      Image: { Source: string };
    }[];
    expect(inspect[0]!.Image.Source).toBe(image);
  });

  it(
    'cancels a start from the task panel: the half-booted VM is stopped',
    async () => {
      await row(MACHINE)
        .getByRole('button', { name: `Start machine ${MACHINE}` })
        .click();
      await showTasks();
      const task = page.getByRole('listitem', { name: `Start machine ${MACHINE}` });
      await task.getByText(/Waiting for|Booting/).waitFor({ timeout: MINUTE });
      await task.getByRole('button', { name: 'Cancel' }).click();
      await task.getByText('Start cancelled: the machine was stopped').waitFor({ timeout: MINUTE });
      await shot('machines-start-cancelled');
      await statusOf(MACHINE, 'stopped').waitFor();
      expect(qemus()).toEqual([]);
      expect((await machine(['inspect', '--format', '{{.State}}', MACHINE])).stdout).toBe('stopped\n');
      await task.getByRole('button', { name: 'Dismiss' }).click();
      await hideTasks();
    },
    3 * MINUTE,
  );

  it(
    'starts it from the UI, the task panel following the boot, and the CLI agrees',
    async () => {
      const started = Date.now();
      await row(MACHINE)
        .getByRole('button', { name: `Start machine ${MACHINE}` })
        .click();
      await statusOf(MACHINE, 'starting').waitFor({ timeout: MINUTE });
      await showTasks();
      await page
        .getByRole('listitem', { name: `Start machine ${MACHINE}` })
        .getByText(/Waiting for|Booting/)
        .waitFor();
      await shot('machines-starting');
      await statusOf(MACHINE, 'running').waitFor({ timeout: 4 * MINUTE });
      console.log(`machine start in the UI: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await page
        .getByRole('listitem', { name: `Start machine ${MACHINE}` })
        .getByText(`Machine ${MACHINE} is running: connection ${MACHINE}`)
        .waitFor();
      await shot('machines-list-running');
      await hideTasks();
      expect((await machine(['inspect', '--format', '{{.State}}', MACHINE])).stdout).toBe('running\n');
    },
    5 * MINUTE,
  );

  it(
    'types `echo hi` in its SSH terminal and sees `hi`',
    async () => {
      await row(MACHINE)
        .getByRole('button', { name: `Open terminal of machine ${MACHINE}` })
        .click();
      await page
        .getByRole('status', { name: 'Machine terminal status' })
        .filter({ hasText: 'Connected' })
        .waitFor({ timeout: MINUTE });
      const terminal = page.getByRole('group', { name: 'Machine terminal' });
      const rows = terminal.locator('.xterm-rows > div');
      await rows
        .filter({ hasText: `root@${MACHINE}` })
        .first()
        .waitFor({ timeout: MINUTE });
      await terminal.click();
      await page.keyboard.type('echo hi');
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: /^hi\s*$/ }).waitFor();
      // The guest's terminal has the panel's size (set at open), not ssh's default.
      await page.keyboard.type('stty size');
      await page.keyboard.press('Enter');
      await rows.filter({ hasText: /^\d+ \d+\s*$/ }).waitFor();
      const size = (await rows
        .filter({ hasText: /^\d+ \d+\s*$/ })
        .first()
        .textContent())!.trim();
      expect(size).not.toBe('24 80');
      await shot('machine-terminal');
      await page.getByRole('tab', { name: 'Summary' }).click();
      await page.getByTestId('machine-summary').getByText(`berth --connection ${MACHINE} ps`).waitFor();
      await shot('machine-details-summary');
    },
    3 * MINUTE,
  );

  it(
    'stops it from the details page',
    async () => {
      await page.getByRole('button', { name: `Stop machine ${MACHINE}` }).click();
      await page
        .getByTestId('machine-status')
        .filter({ hasText: /^stopped$/ })
        .waitFor({ timeout: 2 * MINUTE });
      expect((await machine(['inspect', '--format', '{{.State}}', MACHINE])).stdout).toBe('stopped\n');
      await page.getByRole('button', { name: '← Machines' }).click();
      await statusOf(MACHINE, 'stopped').waitFor();
    },
    3 * MINUTE,
  );

  it(
    "fails a start whose kernel cannot boot, showing the console's last lines",
    async () => {
      await createInDialog(BROKEN, { image: brokenImage, memory: '512' });
      await statusOf(BROKEN, 'stopped').waitFor();
      await row(BROKEN)
        .getByRole('button', { name: `Start machine ${BROKEN}` })
        .click();
      const alert = page.getByRole('alert').filter({ hasText: `machine ${BROKEN} did not start` });
      await alert.waitFor({ timeout: 3 * MINUTE });
      const text = (await alert.textContent())!;
      expect(text).toContain("The console's last lines");
      expect(text).toContain('Kernel panic');
      await statusOf(BROKEN, 'stopped').waitFor();
      await shot('machine-start-failed-console');
      // The task ends failed with the first line; the console's lines are above the list.
      await showTasks();
      const task = taskPanel().getByRole('listitem', { name: `Start machine ${BROKEN}` });
      await task.getByText('Failed').waitFor();
      expect(await task.textContent()).toContain(`machine ${BROKEN} did not start: QEMU exited`);
      expect(await task.textContent()).not.toContain('Kernel panic');
      await shot('machine-start-failed-task');
      await hideTasks();
      expect((await machine(['inspect', '--format', '{{.State}}', BROKEN])).stdout).toBe('stopped\n');
    },
    4 * MINUTE,
  );

  it(
    'deletes both machines from the UI, their connections with them',
    async () => {
      for (const name of [BROKEN, MACHINE]) {
        await row(name)
          .getByRole('button', { name: `Delete machine ${name}` })
          .click();
        const dialog = page.getByRole('dialog', { name: `Delete machine ${name}?` });
        await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
        await row(name).waitFor({ state: 'detached', timeout: MINUTE });
      }
      await page.getByText('No machines yet.').waitFor();
      await shot('machines-list-empty');
      expect((await machine(['ls', '-q'])).stdout).toBe('');
      const connections = await store.run(['system', 'connection', 'ls', '-q'], { env });
      expect(connections.stdout).toBe('');
      expect(existsSync(path.join(store.root, 'machine', 'machines', MACHINE))).toBe(false);
    },
    2 * MINUTE,
  );
});
