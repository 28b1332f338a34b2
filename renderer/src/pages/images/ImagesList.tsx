// The images list: every local image under each of its names, virtualized so that thousands of
// rows stay fast, with search, pull, build, prune, and per-row push, tag, delete and details.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { imageKeys, useImageList } from '../../api/image-cache.js';
import { formatBytes } from '../../components/format-bytes.js';
import { timeAgo } from '../../components/format-time.js';
import { ACTIONS_COLUMN, ListTable } from '../../components/ListTable.js';
import { countOf, ListToolbar } from '../../components/ListToolbar.js';
import { useUiStore } from '../../stores/ui-store.js';
import { imageRows, searchRows, type ImageRow } from './image-rows.js';
import { useImagesUiStore } from './images-ui-store.js';

function ImageActions({ row }: { row: ImageRow }) {
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const label = row.name ?? row.shortId;
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button button-small"
        aria-label={`Push ${label}`}
        onClick={() => openDialog({ kind: 'push', imageId: row.id, name: row.name ?? '' })}
      >
        Push
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={`Tag ${label}`}
        onClick={() => openDialog({ kind: 'tag', imageId: row.id, ref: row.id })}
      >
        Tag
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={`Delete ${label}`}
        onClick={() => openDialog({ kind: 'delete', imageId: row.id, ref: row.ref, label })}
      >
        Delete
      </button>
    </div>
  );
}

function ImageRowCells({ row }: { row: ImageRow }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <>
      <div role="cell" className="cell cell-name">
        <button
          type="button"
          className="link-button"
          title={row.name ?? row.id}
          onClick={() => navigate({ page: 'images', imageId: row.id })}
        >
          {row.name ? (
            <>
              <span className="repository">{row.repository}</span>
              <span className="tag">:{row.tag}</span>
            </>
          ) : (
            <span className="muted">&lt;none&gt;</span>
          )}
        </button>
      </div>
      <div role="cell" className="cell cell-id mono">
        {row.shortId}
      </div>
      <div role="cell" className="cell cell-created">
        {timeAgo(row.created)}
      </div>
      <div role="cell" className="cell cell-size" data-testid="image-size">
        {formatBytes(row.size)}
      </div>
      <div role="cell" className="cell cell-used">
        {row.containers > 0 ? countOf(row.containers, 'container') : ''}
      </div>
      <div role="cell" className="cell cell-actions">
        <ImageActions row={row} />
      </div>
    </>
  );
}

export function ImagesList() {
  const queryClient = useQueryClient();
  const images = useImageList();
  const [search, setSearch, openDialog] = useImagesUiStore(
    useShallow((s) => [s.search, s.setSearch, s.openDialog] as const),
  );
  const rows = useMemo(() => imageRows(images.data ?? []), [images.data]);
  const shown = useMemo(() => searchRows(rows, search), [rows, search]);
  const imageCount = images.data?.length ?? 0;

  return (
    <div className="list-page">
      <ListToolbar
        search={search}
        onSearch={setSearch}
        searchLabel="Search images"
        placeholder="Search by name or ID"
        shown={shown.length}
        total={rows.length}
        totalText={countOf(imageCount, 'image')}
      >
        <button
          type="button"
          className="button"
          onClick={() => void queryClient.invalidateQueries({ queryKey: imageKeys.list })}
          title="Read the list again (it also follows changes by itself)"
        >
          Refresh
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'prune' })}>
          Prune
        </button>
        <button type="button" className="button" onClick={() => openDialog({ kind: 'build' })}>
          Build image
        </button>
        <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'pull' })}>
          Pull image
        </button>
      </ListToolbar>
      <ListTable
        label="Images"
        className="images-table"
        query={images}
        total={rows.length}
        shown={shown}
        getKey={(row) => row.key}
        renderRow={(row) => <ImageRowCells row={row} />}
        noMatch={`No image matches “${search}”.`}
        empty={
          <>
            <p>No images yet.</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => openDialog({ kind: 'pull' })}
            >
              Pull your first image
            </button>
          </>
        }
        columns={[
          { id: 'name', header: 'Name' },
          { id: 'id', header: 'Image ID' },
          { id: 'created', header: 'Created' },
          { id: 'size', header: 'Size' },
          { id: 'used', header: 'In use' },
          ACTIONS_COLUMN,
        ]}
      />
    </div>
  );
}
