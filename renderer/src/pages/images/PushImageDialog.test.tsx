// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryLoginsReport } from '../../../../engine/src/contract/registry-types.js';
import { useTaskStore } from '../../stores/task-store.js';
import { imageInspect, imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const NAME = '127.0.0.1:5000/library/busybox:latest';
const busybox = imageSummary('b0b0', [NAME]);
const L1 = `sha256:${'1'.repeat(64)}`;
const L2 = `sha256:${'2'.repeat(64)}`;
const logins: RegistryLoginsReport = {
  authFile: '/run/containers/0/auth.json',
  logins: [
    { registry: '127.0.0.1:5000', username: 'alice' },
    { registry: 'quay.io/team', username: 'robot' },
  ],
};

async function openPush() {
  const app = renderApp(
    {
      'images.list': () => [busybox],
      'images.inspect': () => imageInspect(busybox),
      'registries.logins': () => logins,
    },
    { page: 'images' },
    ['events.stream', 'images.push'],
  );
  fireEvent.click(await screen.findByRole('button', { name: `Push ${NAME}` }));
  const dialog = screen.getByRole('dialog', { name: `Push image ${NAME}` });
  return { ...app, dialog };
}

describe('PushImageDialog', () => {
  it('starts from the image’s name and says which stored login the push uses', async () => {
    const { dialog } = await openPush();
    const destination = within(dialog).getByRole('textbox', { name: 'Destination' }) as HTMLInputElement;
    expect(destination.value).toBe(NAME);
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Credentials').textContent).toBe(
        'Pushes as alice (stored login for 127.0.0.1:5000).',
      ),
    );
    // The most specific login wins, as in the engine: quay.io/team for quay.io/team/x.
    fireEvent.change(destination, { target: { value: 'quay.io/team/box:v1' } });
    expect(within(dialog).getByLabelText('Credentials').textContent).toContain('as robot');
    fireEvent.change(destination, { target: { value: 'registry.example.com/box:v1' } });
    expect(within(dialog).getByLabelText('Credentials').textContent).toBe(
      'No stored login for registry.example.com: the push goes without credentials. If the registry asks for them, log in under Settings → Registries.',
    );
    fireEvent.change(destination, { target: { value: '  ' } });
    expect(within(dialog).getByRole('button', { name: 'Push' }).hasAttribute('disabled')).toBe(true);
  });

  it('pushes with per-layer progress, in the dialog and in the task panel, then re-reads the image', async () => {
    const { dialog, transport } = await openPush();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Destination' }), {
      target: { value: '127.0.0.1:5000/pushed/box:v1' },
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Skip TLS verification/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Push' }));
    const stream = transport.stream('images.push')!;
    expect(stream.input).toEqual({
      image: busybox.Id,
      destination: '127.0.0.1:5000/pushed/box:v1',
      tlsVerify: false,
    });
    act(() => {
      stream.push({ type: 'started', destination: '127.0.0.1:5000/pushed/box:v1', layers: 2 });
      stream.push({
        type: 'layer',
        digest: L1,
        diffId: L1,
        status: 'skipped',
        done: 800,
        total: 800,
        reason: 'mounted',
      });
      stream.push({ type: 'layer', digest: L2, diffId: L2, status: 'progress', done: 300, total: 1200 });
    });
    const progress = await screen.findByRole('dialog', { name: 'Push 127.0.0.1:5000/pushed/box:v1' });
    await waitFor(() =>
      expect(within(progress).getByRole('listitem', { name: 'Layer 222222222222' }).textContent).toContain(
        'Uploading 300 B / 1.2 kB',
      ),
    );
    expect(within(progress).getByRole('listitem', { name: 'Layer 111111111111' }).textContent).toContain(
      'Mounted from another repository',
    );
    expect(
      within(progress).getByRole('progressbar', { name: 'Push progress' }).getAttribute('aria-valuenow'),
    ).toBe('55');
    fireEvent.click(within(progress).getByRole('button', { name: 'Run in background' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tasks (1 running)' }));
    const task = within(screen.getByRole('region', { name: 'Tasks' })).getByRole('listitem', {
      name: 'Push 127.0.0.1:5000/pushed/box:v1',
    });
    expect(within(task).getByRole('listitem', { name: 'Layer 222222222222' }).textContent).toContain(
      'Uploading',
    );
    act(() => {
      stream.push({ type: 'layer', digest: L2, diffId: L2, status: 'done', done: 1200, total: 1200 });
      stream.push({ type: 'config', digest: 'sha256:c' });
      stream.push({ type: 'manifest', digest: `sha256:${'a'.repeat(64)}` });
      stream.end();
    });
    await waitFor(() => expect(useTaskStore.getState().tasks[0]!.status).toBe('succeeded'));
    expect(task.textContent).toContain('Pushed 127.0.0.1:5000/pushed/box:v1 (sha256:aaaaaaaaaaaa)');
    // The image was read alone again (a remote push names it after the destination).
    expect(transport.callsOf('images.list')).toContainEqual({ filters: [`id=${busybox.Id}`] });
  });

  it('cancels the push in the engine: nothing is tagged', async () => {
    const { dialog, transport } = await openPush();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Push' }));
    const stream = transport.stream('images.push')!;
    // The TLS default is left to the engine (registries.conf): no tlsVerify unless asked.
    expect(stream.input).toEqual({ image: busybox.Id, destination: NAME });
    act(() => stream.push({ type: 'started', destination: NAME, layers: 1 }));
    const progress = await screen.findByRole('dialog', { name: `Push ${NAME}` });
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel push' }));
    expect(stream.cancelled).toBe(true);
    expect(
      await within(progress).findByText(
        'Push cancelled: the manifest was not written, so nothing was tagged',
      ),
    ).toBeTruthy();
    expect(useTaskStore.getState().tasks[0]!.status).toBe('cancelled');
  });

  it('shows why a push failed', async () => {
    const { dialog, transport } = await openPush();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Push' }));
    const stream = transport.stream('images.push')!;
    act(() => stream.end({ message: 'pushing x: 127.0.0.1:5000 denied access', code: 'engine' }));
    const progress = await screen.findByRole('dialog', { name: `Push ${NAME}` });
    expect((await within(progress).findByRole('alert')).textContent).toBe(
      'pushing x: 127.0.0.1:5000 denied access',
    );
  });

  it('opens from the image’s details too', async () => {
    renderApp(
      {
        'images.list': () => [busybox],
        'images.inspect': () => imageInspect(busybox),
        'registries.logins': () => logins,
      },
      { page: 'images', imageId: busybox.Id },
    );
    await screen.findByRole('heading', { name: NAME });
    fireEvent.click(screen.getByRole('button', { name: 'Push' }));
    const dialog = screen.getByRole('dialog', { name: `Push image ${NAME}` });
    expect((within(dialog).getByRole('textbox', { name: 'Destination' }) as HTMLInputElement).value).toBe(
      NAME,
    );
  });
});
