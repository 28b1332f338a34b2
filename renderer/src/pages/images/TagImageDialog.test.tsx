// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineCallError } from '../../transport/transport.js';
import { imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

describe('TagImageDialog', () => {
  it('adds a name and shows it in the list', async () => {
    let image = imageSummary('f00d', ['localhost/app:v1']);
    const { transport } = renderApp(
      {
        'images.list': () => [image],
        'images.tag': ({ tags }: { tags: string[] }) => {
          image = { ...image, RepoTags: [...image.RepoTags!, `localhost/${tags[0]}`] };
          return { tags: [`localhost/${tags[0]}`] };
        },
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Tag localhost/app:v1' }));
    const dialog = screen.getByRole('dialog', { name: 'Tag image f00d00000000' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'app:v2' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(transport.callsOf('images.tag')).toEqual([{ image: image.Id, tags: ['app:v2'] }]);
    expect(screen.getByRole('button', { name: 'localhost/app:v2' })).toBeTruthy();
  });

  it('keeps the dialog open with the engine’s reason when the name is refused', async () => {
    renderApp(
      {
        'images.list': () => [imageSummary('f00d', ['localhost/app:v1'])],
        'images.tag': () => {
          throw new EngineCallError(
            'app@sha256:x: a tag cannot contain a digest; use repository:tag',
            'engine',
          );
        },
      },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Tag localhost/app:v1' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'app@sha256:x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add tag' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('cannot contain a digest');
  });
});
