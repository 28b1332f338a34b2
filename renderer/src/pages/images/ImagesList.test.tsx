// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { imageInspect, imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const busybox = imageSummary('b0b0', ['127.0.0.1:5000/library/busybox:latest'], { size: 2_170_000 });
const httpd = imageSummary('4444', ['127.0.0.1:5000/library/httpd:latest', 'localhost/web:v1'], {
  containers: 2,
});

describe('ImagesList', () => {
  it('lists every name of every image with its size, ID and use', async () => {
    renderApp({ 'images.list': () => [busybox, httpd] }, { page: 'images' });
    const table = await screen.findByRole('table', { name: 'Images' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const busyboxRow = rows.find((r) => r.textContent!.includes('busybox'))!;
    expect(within(busyboxRow).getByTestId('image-size').textContent).toBe('2.17 MB');
    expect(busyboxRow.textContent).toContain('b0b000000000');
    expect(rows.filter((r) => r.textContent!.includes('2 containers'))).toHaveLength(2);
    expect(screen.getByText('2 images')).toBeTruthy();
  });

  it('stays small in the DOM with thousands of images, and searches them', async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      imageSummary(`${i.toString(16).padStart(6, '0')}`, [`registry.example.com/team/app-${i}:v${i % 7}`]),
    );
    renderApp({ 'images.list': () => many }, { page: 'images' });
    const table = await screen.findByRole('table', { name: 'Images' });
    expect(within(table).getAllByRole('row').length).toBeLessThan(40);
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search images' }), {
      target: { value: 'app-4321' },
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent!.match(/app-\d+/)![0])).toEqual(['app-4321']);
    expect(screen.getByText('1 of 5000 shown')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search images' }), { target: { value: 'zzz' } });
    expect(screen.getByText('No image matches “zzz”.')).toBeTruthy();
  });

  it('opens an image’s details from its name', async () => {
    renderApp(
      { 'images.list': () => [busybox], 'images.inspect': () => imageInspect(busybox) },
      { page: 'images' },
    );
    fireEvent.click(await screen.findByRole('button', { name: '127.0.0.1:5000/library/busybox:latest' }));
    expect(await screen.findByRole('tab', { name: 'Summary', selected: true })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '← Images' }));
    expect(await screen.findByRole('table', { name: 'Images' })).toBeTruthy();
  });

  it('says what failed when the list cannot be read', async () => {
    renderApp(
      {
        'images.list': () => {
          throw new Error('database is locked');
        },
      },
      { page: 'images' },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('database is locked');
  });
});
