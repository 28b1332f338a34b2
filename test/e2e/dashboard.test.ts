// The desktop app in a real browser, through web mode, against the real engine.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../integration/helpers/berth-cli.js';
import { launchChromium, SCREENSHOT_DIR } from './helpers/chromium.js';
import { startWebModeProcess, type WebModeProcess } from './helpers/web-mode-process.js';

const store = tempStore();
let server: WebModeProcess;
let browser: Browser;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  server = await startWebModeProcess(['--root', store.root, '--runroot', store.runroot]);
  ({ browser, close: closeBrowser } = await launchChromium());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.stop();
  store.cleanup();
});

describe('desktop web mode', () => {
  it('shows the dashboard with the real engine state', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
    await expect(page.getByTestId('graph-root').textContent()).resolves.toBe(store.root);
    await expect(page.getByTestId('oci-runtime').textContent()).resolves.toMatch(/^(runc|crun) \(/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('refuses the engine connection without the token', async () => {
    const page = await browser.newPage();
    await page.goto(server.url.replace(/#token=.*$/, ''));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('needs the access token');
    const wsUrl = server.url.replace(/^http/, 'ws').replace(/\/#token=.*$/, '/rpc?token=wrong');
    const status = await page.evaluate(
      (u) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(u);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      wsUrl,
    );
    expect(status).toBe('refused');
  });

  it('rejects malformed and unknown messages without breaking the connection', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'Engine connected' }).waitFor();
    const wsUrl = server.url.replace(/^http/, 'ws').replace(/\/#token=/, '/rpc?token=');
    const answers = await page.evaluate(
      (u) =>
        new Promise<unknown[]>((resolve) => {
          const ws = new WebSocket(u);
          const got: unknown[] = [];
          ws.onmessage = (m) => {
            got.push(JSON.parse(String(m.data)));
            if (got.length === 4) resolve(got);
          };
          ws.onopen = () => {
            ws.send('not json');
            ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'system.nope', input: {} }));
            ws.send(JSON.stringify({ kind: 'call', id: 2, method: 'system.info', input: { extra: true } }));
            ws.send(JSON.stringify({ kind: 'call', id: 3, method: 'system.version', input: {} }));
          };
        }),
      wsUrl,
    );
    const byId = new Map((answers as { id: number }[]).map((a) => [a.id, a]));
    expect(byId.get(-1)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(byId.get(1)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(byId.get(2)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(byId.get(3)).toMatchObject({ ok: true });
  });
});
