// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageHistoryRow } from '../../../../engine/src/contract/image-types.js';
import { imageInspect, imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const httpd = imageSummary('4444', ['127.0.0.1:5000/library/httpd:latest'], { size: 2_200_000 });
const history: ImageHistoryRow[] = [
  {
    id: httpd.Id,
    created: '2024-01-01T00:00:00Z',
    createdBy: 'COPY index.html /www/',
    size: 2048,
    comment: '',
    tags: null,
  },
  {
    id: '<missing>',
    created: '',
    createdBy: 'ADD busybox-static /',
    size: 2_190_000,
    comment: '',
    tags: null,
  },
];

function renderDetails(handlers = {}) {
  return renderApp(
    {
      'images.list': () => [httpd],
      'images.inspect': () => imageInspect(httpd),
      'images.history': () => history,
      ...handlers,
    },
    { page: 'images', imageId: httpd.Id },
  );
}

describe('ImageDetails', () => {
  it('summarizes the image: names, size, platform, command, ports', async () => {
    renderDetails();
    const summary = await screen.findByTestId('image-summary');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('127.0.0.1:5000/library/httpd:latest');
    expect(summary.textContent).toContain('2.2 MB');
    expect(summary.textContent).toContain('linux/amd64');
    expect(summary.textContent).toContain('80/tcp');
    expect(summary.textContent).toContain('/www');
  });

  it('shows the history newest first with sizes', async () => {
    renderDetails();
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const table = await screen.findByRole('table', { name: 'Image history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('COPY index.html /www/2.05 kB'),
      expect.stringContaining('ADD busybox-static /2.19 MB'),
    ]);
    expect(rows[1]!.textContent).toContain('<missing>');
  });

  it('shows inspect as JSON with podman’s field names', async () => {
    renderDetails();
    fireEvent.click(await screen.findByRole('tab', { name: 'Inspect' }));
    const json = JSON.parse(screen.getByLabelText('Image inspect JSON').textContent!);
    expect(json).toMatchObject({ Id: httpd.Id, RepoTags: httpd.RepoTags, Architecture: 'amd64' });
  });

  it('says when the image cannot be read (removed meanwhile)', async () => {
    renderDetails({
      'images.inspect': () => {
        throw new Error('4444: image not known');
      },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('image not known');
  });
});
