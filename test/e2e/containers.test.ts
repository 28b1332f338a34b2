// The Containers and Volumes pages in Debian's Chromium, through web mode, against the real
// engine and the fixture registry: pull busybox, run a container from the Create form, find it
// in the list, read its logs, type `echo hi` in its terminal and see `hi`, look at its stats and
// inspect, stop and delete it; create, see and delete a volume. Every container the test made is
// removed afterwards even when a step failed, and nothing may be left mounted or monitored.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const registry = () => inject('registryHost');
const busybox = () => `${registry()}/library/busybox:latest`;
const NAME = 'e2e-hello';
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

/** conmon processes of this store (`exec` ones monitor terminal sessions). */
function conmons(): { pid: number; exec: boolean }[] {
  const found: { pid: number; exec: boolean }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (
        argv[0]?.endsWith('conmon') &&
        argv.some((a) => a.startsWith(store.root) || a.startsWith(store.runroot))
      )
        found.push({ pid: Number(entry), exec: argv.includes('--exec') });
    } catch {
      // gone
    }
  }
  return found;
}

function mounts(): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((m) => m.startsWith(store.root) || m.startsWith(store.runroot));
}

async function eventually<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot]);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
});

afterAll(async () => {
  // The browser first: its streams (terminals) end with the connection.
  await closeBrowser?.();
  const removed = await store.run(['rm', '-a', '-f'], { timeoutMs: 60_000 });
  await server?.stop();
  const leftovers = { mounts: mounts(), conmons: conmons().map((c) => c.pid), rm: removed.stderr };
  for (const pid of leftovers.conmons) process.kill(pid, 'SIGKILL');
  store.cleanup();
  expect(removed.code, removed.stderr).toBe(0);
  expect(leftovers).toEqual({ mounts: [], conmons: [], rm: removed.stderr });
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

async function cliContainers(): Promise<{ Id: string; Names: string[]; State: string }[]> {
  const r = await store.run(['ps', '-a', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { Id: string; Names: string[]; State: string }[];
}

describe('Containers page (web mode, real engine)', () => {
  it('pulls busybox, then runs a container from the Create form and finds it in the list', async () => {
    await nav('Images');
    await page.getByRole('button', { name: 'Pull image' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Image to pull' }).fill(`${registry()}/library/busybox`);
    await dialog.getByRole('button', { name: 'Pull' }).click();
    await dialog.getByText(`Pulled ${busybox()}`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await nav('Containers');
    await page.getByText('No containers yet.').waitFor();
    await shot('containers-empty');
    await page.getByRole('button', { name: 'Create container' }).click();
    const form = page.getByRole('form', { name: 'Create container' });
    await form.getByRole('combobox', { name: 'Image' }).fill(busybox());
    await form.getByRole('textbox', { name: 'Name' }).fill(NAME);
    await form.getByRole('textbox', { name: 'Command' }).fill(`sh -c 'echo hello-from-berth; sleep 1000'`);
    await form.getByRole('button', { name: 'Add environment variable' }).click();
    await form.getByRole('textbox', { name: 'Environment variables 1' }).fill('GREETING=hello');
    await form.getByRole('combobox', { name: 'Restart policy' }).selectOption('no');
    await shot('container-create-form');
    await form.getByRole('button', { name: 'Create and start' }).click();

    const row = page.getByRole('row').filter({ hasText: NAME });
    await row.getByTestId('container-state').filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain(busybox());
    const [container] = await cliContainers();
    expect(container).toMatchObject({ Names: [NAME], State: 'running' });
    await shot('containers-list');
  });

  it('shows the container’s summary, logs and inspect', async () => {
    const [container] = await cliContainers();
    await page.getByRole('button', { name: NAME, exact: true }).click();
    await expect(page.getByTestId('container-summary').textContent()).resolves.toContain(container!.Id);
    await expect(page.getByTestId('container-summary').textContent()).resolves.toContain('GREETING=hello');
    await shot('container-details-summary');

    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByRole('log', { name: 'Container log' }).getByText('hello-from-berth').waitFor();
    await page.getByRole('searchbox', { name: 'Search the log' }).fill('from');
    await page.getByRole('log').locator('mark', { hasText: 'from' }).waitFor();
    await shot('container-details-logs');

    await page.getByRole('tab', { name: 'Inspect' }).click();
    const json = JSON.parse((await page.getByLabel('Container inspect JSON').textContent())!) as {
      Id: string;
      State: { Status: string };
    };
    expect(json.Id).toBe(container!.Id);
    expect(json.State.Status).toBe('running');
    await shot('container-details-inspect');
  });

  it('types `echo hi` in a terminal, keeps it across tabs, and ends its exec session on leaving', async () => {
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await page
      .getByRole('status', { name: 'Container terminal status' })
      .filter({ hasText: 'Connected' })
      .waitFor();
    const terminal = page.getByRole('group', { name: 'Container terminal' });
    await terminal.click();
    await page.keyboard.type('echo hi');
    await page.keyboard.press('Enter');
    const rows = terminal.locator('.xterm-rows > div');
    await rows.filter({ hasText: /^hi\s*$/ }).waitFor();
    await shot('container-details-terminal');
    const sessions = conmons().filter((c) => c.exec);
    expect(sessions).toHaveLength(1);

    // Another tab and back: the same session, its output still there.
    await page.getByRole('tab', { name: 'Stats' }).click();
    await page.getByTestId('stats-memory').waitFor();
    await shot('container-details-stats');
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await rows.filter({ hasText: /^hi\s*$/ }).waitFor();
    expect(conmons().filter((c) => c.exec)).toEqual(sessions);

    // Leaving the container ends the shell and its conmon.
    await page.getByRole('button', { name: '← Containers' }).click();
    await eventually(() => conmons().filter((c) => c.exec).length === 0);
  });

  it('stops and deletes the container from the list', async () => {
    const row = page.getByRole('row').filter({ hasText: NAME });
    await page.getByRole('button', { name: `Stop ${NAME}` }).click();
    await row
      .getByTestId('container-state')
      .filter({ hasText: /exited/ })
      .waitFor({ timeout: 30_000 });
    expect((await cliContainers())[0]!.State).toBe('exited');
    await shot('containers-stopped');
    await page.getByRole('button', { name: `Delete ${NAME}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No containers yet.').waitFor();
    expect(await cliContainers()).toEqual([]);
    expect(conmons()).toEqual([]);
    expect(mounts()).toEqual([]);
  });
});

describe('Volumes page (web mode, real engine)', () => {
  it('creates a volume, shows it, and deletes it', async () => {
    await nav('Volumes');
    await page.getByText('No volumes yet.').waitFor();
    await page.getByRole('button', { name: 'Create volume' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Volume name' }).fill('e2e-data');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('button', { name: 'e2e-data', exact: true }).waitFor();
    const listed = await store.run(['volume', 'ls', '--format', '{{.Name}}']);
    expect(listed.stdout.trim()).toBe('e2e-data');
    await shot('volumes-list');

    await page.getByRole('button', { name: 'e2e-data', exact: true }).click();
    const json = JSON.parse((await page.getByLabel('Volume inspect JSON').textContent())!) as {
      Name: string;
    };
    expect(json.Name).toBe('e2e-data');
    await shot('volume-inspect');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Delete e2e-data' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No volumes yet.').waitFor();
    const after = await store.run(['volume', 'ls', '--format', '{{.Name}}']);
    expect(after.stdout.trim()).toBe('');
  });

  it('follows a volume created by the CLI', async () => {
    const created = await store.run(['volume', 'create', 'from-cli']);
    expect(created.code, created.stderr).toBe(0);
    await page.getByRole('button', { name: 'from-cli', exact: true }).waitFor({ timeout: 10_000 });
    await store.run(['volume', 'rm', 'from-cli']);
    await page.getByText('No volumes yet.').waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  });
});
