// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

describe('PruneImagesDialog', () => {
  it('prunes unused images when asked and takes them out of the list', async () => {
    const dangling = imageSummary('dead', null);
    const unused = imageSummary('aaaa', ['localhost/old:v1']);
    const { transport } = renderApp(
      {
        'images.list': () => [dangling, unused],
        'images.prune': ({ all }: { all: boolean }) => ({
          removed: all ? [dangling.Id, unused.Id] : [dangling.Id],
        }),
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Prune' }));
    const dialog = screen.getByRole('dialog', { name: 'Prune images' });
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Prune' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Removed 2 images.');
    expect(transport.callsOf('images.prune')).toEqual([{ all: true }]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByText('No images yet.')).toBeTruthy();
  });
});
