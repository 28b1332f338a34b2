// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageLayer, LayerFileEntry, LayerFiles } from '../../../../engine/src/contract/image-types.js';
import { EngineCallError } from '../../transport/transport.js';
import { imageInspect, imageSummary } from '../../testing/image-fixtures.js';
import { renderApp } from '../../testing/render-app.js';

afterEach(cleanup);

const image = imageSummary('7777', ['127.0.0.1:5000/berth/whiteout:latest']);
const layers: ImageLayer[] = [
  {
    index: 0,
    diffId: `sha256:${'a'.repeat(64)}`,
    size: 2_190_000,
    createdBy: 'ADD busybox-static /',
    created: '',
    comment: '',
  },
  {
    index: 1,
    diffId: `sha256:${'b'.repeat(64)}`,
    size: 6_144,
    createdBy: 'RUN rm data/remove.txt && rm -rf opq/*',
    created: '',
    comment: '',
  },
];
const top: LayerFileEntry[] = [
  { path: '/data', kind: 'modified', type: 'dir', size: 0 },
  { path: '/data/keep.txt', kind: 'modified', type: 'file', size: 9 },
  { path: '/data/new.txt', kind: 'added', type: 'file', size: 4 },
  { path: '/data/remove.txt', kind: 'removed', type: 'file', size: 14 },
  { path: '/opq', kind: 'opaque', type: 'dir', size: 0 },
  { path: '/opq/a.txt', kind: 'removed', type: 'file', size: 2 },
];
const bottom: LayerFileEntry[] = [
  { path: '/bin', kind: 'added', type: 'dir', size: 0 },
  { path: '/bin/busybox', kind: 'added', type: 'file', size: 1_100_000 },
  { path: '/bin/sh', kind: 'added', type: 'symlink', size: 0, linkTarget: 'busybox' },
];

function renderLayers(layerFiles: (input: { layer: number }) => LayerFiles | Promise<LayerFiles>) {
  const app = renderApp(
    {
      'images.list': () => [image],
      'images.inspect': () => imageInspect(image),
      'images.layers': () => layers,
      'images.layerFiles': layerFiles,
    },
    { page: 'images', imageId: image.Id },
  );
  return app;
}

async function openTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Layers' }));
  return screen.findByRole('list', { name: 'Image layers' });
}

const filesOf = (entries: LayerFileEntry[]): LayerFiles => ({
  diffId: 'sha256:x',
  entries,
  truncated: false,
});

describe('ImageDetailsLayers', () => {
  it('lists the layers with their steps and sizes, and the top layer’s changes', async () => {
    const { transport } = renderLayers(({ layer }) => filesOf(layer === 1 ? top : bottom));
    const list = await openTab();
    const steps = within(list).getAllByRole('button');
    expect(steps.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Layer 0: ADD busybox-static /',
      'Layer 1: RUN rm data/remove.txt && rm -rf opq/*',
    ]);
    expect(steps[0]!.textContent).toContain('2.19 MB');
    expect(steps[1]!.getAttribute('aria-pressed')).toBe('true');
    const files = await screen.findByRole('region', { name: 'Files of layer 1' });
    const table = await within(files).findByRole('table', { name: 'Layer files' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Modified', '/data', 'dir', ''],
      ['Modified', '/data/keep.txt', 'file', '9 B'],
      ['Added', '/data/new.txt', 'file', '4 B'],
      ['Removed', '/data/remove.txt', 'file', '14 B'],
      ['Opaque', '/opq', 'dir', ''],
      ['Removed', '/opq/a.txt', 'file', '2 B'],
    ]);
    expect(within(files).getByText('6 entries · 1 added · 2 modified · 2 removed · 1 opaque')).toBeTruthy();
    expect(transport.callsOf('images.layerFiles')).toEqual([{ image: image.Id, layer: 1 }]);
  });

  it('filters by path and by change, and shows another layer when chosen', async () => {
    renderLayers(({ layer }) => filesOf(layer === 1 ? top : bottom));
    await openTab();
    const files = await screen.findByRole('region', { name: 'Files of layer 1' });
    await within(files).findByRole('table', { name: 'Layer files' });
    fireEvent.change(within(files).getByRole('combobox', { name: 'Change' }), {
      target: { value: 'removed' },
    });
    const paths = () =>
      within(files)
        .queryAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[1]!.textContent);
    expect(paths()).toEqual(['/data/remove.txt', '/opq/a.txt']);
    fireEvent.change(within(files).getByRole('searchbox', { name: 'Filter files' }), {
      target: { value: 'OPQ' },
    });
    expect(paths()).toEqual(['/opq/a.txt']);
    expect(within(files).getByText('1 of 6 shown')).toBeTruthy();
    fireEvent.change(within(files).getByRole('searchbox', { name: 'Filter files' }), {
      target: { value: 'nothing' },
    });
    expect(within(files).getByText('No file of this layer matches “nothing”.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Layer 0: ADD busybox-static /' }));
    const lower = await screen.findByRole('region', { name: 'Files of layer 0' });
    const table = await within(lower).findByRole('table', { name: 'Layer files' });
    // A new layer starts unfiltered; a symlink shows its target.
    expect(within(table).getByText('/bin/busybox')).toBeTruthy();
    expect(table.textContent).toContain('/bin/sh → busybox');
  });

  it('keeps thousands of files fast: only the rows in view are in the page', async () => {
    const many: LayerFileEntry[] = Array.from({ length: 20_000 }, (_, i) => ({
      path: `/usr/lib/node_modules/pkg${String(i).padStart(5, '0')}.js`,
      kind: 'added',
      type: 'file',
      size: i,
    }));
    renderLayers(() => ({ diffId: 'sha256:x', entries: many, truncated: true }));
    await openTab();
    const files = await screen.findByRole('region', { name: 'Files of layer 1' });
    const table = await within(files).findByRole('table', { name: 'Layer files' });
    expect(table.getAttribute('aria-rowcount')).toBe('20001');
    expect(within(table).getAllByRole('row').length).toBeLessThan(60);
    expect(within(files).getByRole('note').textContent).toContain('the first 20000 are listed');
    fireEvent.change(within(files).getByRole('searchbox', { name: 'Filter files' }), {
      target: { value: 'pkg19999' },
    });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('says why the files cannot be listed (a remote engine)', async () => {
    renderLayers(() => {
      throw new EngineCallError(
        "listing a layer's files needs a local engine: the Docker API this connection speaks has no call for it",
        'engine',
      );
    });
    await openTab();
    const files = await screen.findByRole('region', { name: 'Files of layer 1' });
    expect((await within(files).findByRole('alert')).textContent).toContain(
      "Could not list layer files. listing a layer's files needs a local engine",
    );
    // The layers themselves are still listed.
    expect(screen.getByRole('button', { name: 'Layer 0: ADD busybox-static /' })).toBeTruthy();
  });
});
