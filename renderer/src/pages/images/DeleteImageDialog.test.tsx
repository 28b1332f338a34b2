// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageRemovalReport } from '../../../../engine/src/contract/image-types.js';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const used = imageSummary('cafe', ['localhost/app:v1'], { containers: 1 });
const twoNames = imageSummary('beef', ['localhost/web:v1', 'localhost/web:v2']);

describe('DeleteImageDialog', () => {
  it('asks again before forcing the removal of an image that containers use', async () => {
    const { transport } = renderApp(
      {
        'images.list': () => [used],
        'images.remove': ({ force }: { force: boolean }): ImageRemovalReport =>
          force
            ? { untagged: ['localhost/app:v1'], deleted: [used.Id], errors: [] }
            : {
                untagged: [],
                deleted: [],
                errors: [
                  {
                    message: 'image cafe00000000 is in use by container web: remove it first, or use --force',
                    code: 'conflict',
                  },
                ],
              },
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete localhost/app:v1' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete localhost/app:v1?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('in use by container web');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete image and its containers' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.callsOf('images.remove')).toEqual([
      { images: ['localhost/app:v1'], force: false },
      { images: ['localhost/app:v1'], force: true },
    ]);
    expect(await screen.findByText('No images yet.')).toBeTruthy();
  });

  it('removing one of two names re-reads that image only', async () => {
    let current = twoNames;
    const { transport } = renderApp(
      {
        'images.list': () => [current],
        'images.remove': (): ImageRemovalReport => {
          current = { ...twoNames, RepoTags: ['localhost/web:v2'] };
          return { untagged: ['localhost/web:v1'], deleted: [], errors: [] };
        },
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete localhost/web:v1' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete localhost/web:v1' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Delete localhost/web:v2' })).toBeTruthy();
    expect(transport.callsOf('images.list')).toEqual([{}, { filters: [`id=${twoNames.Id}`] }]);
  });

  it('shows other failures', async () => {
    renderApp(
      {
        'images.list': () => [twoNames],
        'images.remove': (): ImageRemovalReport => ({
          untagged: [],
          deleted: [],
          errors: [{ message: 'localhost/web:v1: image not known', code: 'not-found' }],
        }),
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete localhost/web:v1' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('image not known');
  });
});
