// The Pods page in Debian's Chromium, through web mode, against the real engine and the fixture
// registry: create a pod in the UI (with a published port and a label), see it listed; two
// containers joined to it by the CLI show up live with their states; their logs merge in the
// pod's Logs tab with each container's name; stop, start and delete the pod from the UI, the
// CLI agreeing at each step. Nothing may be left mounted or monitored afterwards.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
const busybox = () => `${inject('registryHost')}/library/busybox:latest`;
const POD = 'e2e-pod';
/** A host port unlikely to be taken; the pod's infra container publishes it. */
const HOST_PORT = 20_000 + (process.pid % 20_000);
let server: WebModeProcess | undefined;
let browser: Browser;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
const pageErrors: string[] = [];

function leftovers(): { mounts: string[]; conmons: number[] } {
  const ours = (p: string) => p.startsWith(store.root) || p.startsWith(store.runroot);
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter(ours);
  const conmons: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('conmon') && argv.some(ours)) conmons.push(Number(entry));
    } catch {
      // gone
    }
  }
  return { mounts, conmons };
}

beforeAll(async () => {
  const pulled = await store.run(['pull', '-q', busybox()], { timeoutMs: 120_000 });
  expect(pulled.code, pulled.stderr).toBe(0);
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot]);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
});

afterAll(async () => {
  await closeBrowser?.();
  const pods = await store.run(['pod', 'rm', '-a', '-f'], { timeoutMs: 60_000 });
  const containers = await store.run(['rm', '-a', '-f'], { timeoutMs: 60_000 });
  await server?.stop();
  const left = leftovers();
  for (const pid of left.conmons) process.kill(pid, 'SIGKILL');
  store.cleanup();
  expect(pods.code, pods.stderr).toBe(0);
  expect(containers.code, containers.stderr).toBe(0);
  expect(left).toEqual({ mounts: [], conmons: [] });
});

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });

async function cliPod(): Promise<{ Name: string; Status: string; Containers: unknown[] } | undefined> {
  const r = await store.run(['pod', 'ps', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { Name: string; Status: string; Containers: unknown[] }[])[0];
}

describe('Pods page (web mode, real engine)', () => {
  it('creates a pod in the UI and lists it with its port', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Pods' }).click();
    await page.getByText('No pods yet.').waitFor();
    await page.getByRole('button', { name: 'Create pod', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a pod' });
    await dialog.getByRole('textbox', { name: 'Pod name' }).fill(POD);
    await dialog.getByRole('button', { name: 'Add port' }).click();
    await dialog.getByRole('textbox', { name: 'Ports 1' }).fill(`${HOST_PORT}:80`);
    await dialog.getByRole('button', { name: 'Add label' }).click();
    await dialog.getByRole('textbox', { name: 'Labels 1' }).fill('suite=e2e');
    await shot('pod-create-dialog');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const row = page.getByRole('row').filter({ hasText: POD });
    await row.getByTestId('pod-status').filter({ hasText: 'created' }).waitFor();
    await row.getByRole('link', { name: `${HOST_PORT}→80/tcp` }).waitFor();
    expect(await cliPod()).toMatchObject({ Name: POD, Status: 'Created' });
    const labels = await store.run(['pod', 'inspect', POD, '--format', '{{.Labels}}']);
    expect(labels.stdout).toContain('suite:e2e');
  });

  it('shows containers the CLI runs in the pod live, and merges their logs', async () => {
    for (const [name, word] of [
      ['e2e-pod-one', 'hello-from-one'],
      ['e2e-pod-two', 'hello-from-two'],
    ] as const) {
      const run = await store.run(
        ['run', '-d', '--pod', POD, '--name', name, busybox(), 'sh', '-c', `echo ${word}; sleep 1000`],
        { timeoutMs: 60_000 },
      );
      expect(run.code, run.stderr).toBe(0);
    }
    const row = page.getByRole('row').filter({ hasText: POD });
    await row.getByText('2 containers: 2 running').waitFor({ timeout: 20_000 });
    await row.getByTestId('pod-status').filter({ hasText: 'running' }).waitFor();
    await shot('pods-list');

    await row.getByRole('button', { name: POD, exact: true }).click();
    const summary = page.getByTestId('pod-summary');
    await summary.getByRole('button', { name: 'e2e-pod-one' }).waitFor();
    await summary.getByRole('button', { name: 'e2e-pod-two' }).waitFor();
    await shot('pod-details-summary');

    await page.getByRole('tab', { name: 'Logs' }).click();
    const log = page.getByRole('log', { name: 'Pod log' });
    await log.getByText('hello-from-one').waitFor();
    await log.getByText('hello-from-two').waitFor();
    await expect(log.locator('.log-prefix').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['e2e-pod-one ', 'e2e-pod-two ']),
    );
    await shot('pod-details-logs');

    await page.getByRole('tab', { name: 'Inspect' }).click();
    const json = JSON.parse((await page.getByLabel('Pod inspect JSON').textContent())!) as {
      Name: string;
      NumContainers: number;
    };
    expect(json).toMatchObject({ Name: POD, NumContainers: 3 });
  });

  it('stops, starts and deletes the pod from the UI', async () => {
    await page.getByRole('button', { name: `Stop pod ${POD}`, exact: true }).click();
    await page.getByTestId('pod-status').filter({ hasText: 'exited' }).waitFor({ timeout: 30_000 });
    expect(await cliPod()).toMatchObject({ Status: 'Exited' });

    await page.getByRole('button', { name: `Start pod ${POD}`, exact: true }).click();
    await page.getByTestId('pod-status').filter({ hasText: 'running' }).waitFor({ timeout: 30_000 });
    expect(await cliPod()).toMatchObject({ Status: 'Running' });
    // The log follows again once the pod runs: each container wrote its line a second time.
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect
      .poll(() => page.getByRole('log', { name: 'Pod log' }).getByText('hello-from-one').count(), {
        timeout: 15_000,
      })
      .toBe(2);

    await page.getByRole('button', { name: `Delete pod ${POD}`, exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No pods yet.').waitFor({ timeout: 30_000 });
    expect(await cliPod()).toBeUndefined();
    const ps = await store.run(['ps', '-a', '--format', '{{.Names}}']);
    expect(ps.stdout.trim()).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
