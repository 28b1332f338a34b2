// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../../engine/src/contract/image-types.js';
import { useTaskStore } from '../../stores/task-store.js';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const L1 = `sha256:${'1'.repeat(64)}`;
const L2 = `sha256:${'2'.repeat(64)}`;

async function startPull(images: ImageSummary[] = []) {
  const app = renderApp(
    {
      'images.list': (input: { filters?: string[] }) =>
        input.filters?.length ? images.filter((i) => input.filters!.includes(`id=${i.Id}`)) : [],
    },
    { page: 'images' },
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Pull image' }));
  const dialog = screen.getByRole('dialog', { name: 'Pull an image' });
  fireEvent.change(within(dialog).getByRole('textbox', { name: 'Image to pull' }), {
    target: { value: ' 127.0.0.1:5000/library/httpd ' },
  });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Pull' }));
  const stream = app.transport.stream('images.pull')!;
  return { ...app, stream };
}

describe('PullImageDialog', () => {
  it('pulls with per-layer progress and adds the image to the list when stored', async () => {
    const pulled = imageSummary('abcd', ['127.0.0.1:5000/library/httpd:latest']);
    const { stream, transport } = await startPull([pulled]);
    expect(stream.input).toEqual({ reference: '127.0.0.1:5000/library/httpd' });
    act(() => {
      stream.push({ type: 'trying', reference: '127.0.0.1:5000/library/httpd:latest' });
      stream.push({ type: 'resolved', reference: 'x', manifestDigest: 'sha256:m', layers: 2 });
      stream.push({ type: 'layer', digest: L1, diffId: L1, status: 'skipped', done: 1000, total: 1000 });
      stream.push({ type: 'layer', digest: L2, diffId: L2, status: 'progress', done: 250, total: 1000 });
    });
    const dialog = await screen.findByRole('dialog', { name: 'Pull 127.0.0.1:5000/library/httpd' });
    await waitFor(() =>
      expect(
        within(dialog).getByRole('progressbar', { name: 'Layer 222222222222' }).getAttribute('aria-valuenow'),
      ).toBe('25'),
    );
    expect(within(dialog).getByRole('listitem', { name: 'Layer 111111111111' }).textContent).toContain(
      'Already present',
    );
    expect(
      within(dialog).getByRole('progressbar', { name: 'Pull progress' }).getAttribute('aria-valuenow'),
    ).toBe('63');
    act(() => {
      stream.push({ type: 'layer', digest: L2, diffId: L2, status: 'done', done: 1000, total: 1000 });
      stream.push({ type: 'stored', imageId: pulled.Id, names: ['127.0.0.1:5000/library/httpd:latest'] });
      stream.end();
    });
    expect(await within(dialog).findByText('Pulled 127.0.0.1:5000/library/httpd:latest')).toBeTruthy();
    // The new image was read alone, not the whole list again.
    expect(transport.callsOf('images.list')).toEqual([{}, { filters: [`id=${pulled.Id}`] }]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: '127.0.0.1:5000/library/httpd:latest' })).toBeTruthy();
  });

  it('cancels the pull in the engine', async () => {
    const { stream } = await startPull();
    act(() => stream.push({ type: 'resolved', reference: 'x', manifestDigest: 'sha256:m', layers: 1 }));
    const dialog = await screen.findByRole('dialog', { name: /^Pull / });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel pull' }));
    expect(stream.cancelled).toBe(true);
    expect(await within(dialog).findByText('Pull cancelled: nothing was stored')).toBeTruthy();
    expect(useTaskStore.getState().tasks[0]!.status).toBe('cancelled');
  });

  it('shows why a pull failed, and keeps running in the task panel when hidden', async () => {
    const { stream } = await startPull();
    const dialog = await screen.findByRole('dialog', { name: /^Pull / });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run in background' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Tasks (1 running)' })).toBeTruthy();
    act(() => stream.end({ message: 'manifest unknown: the tag does not exist', code: 'engine' }));
    await waitFor(() => expect(useTaskStore.getState().tasks[0]!.status).toBe('failed'));
    fireEvent.click(screen.getByRole('button', { name: 'Tasks' }));
    expect(screen.getByRole('region', { name: 'Tasks' }).textContent).toContain('manifest unknown');
  });
});
