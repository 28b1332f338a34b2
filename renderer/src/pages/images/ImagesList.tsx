// The images list: every local image under each of its names, virtualized so that thousands of
// rows stay fast, with search, pull, prune, and per-row tag, delete and details.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { imageKeys, useImageList } from '../../api/image-cache.js';
import { formatBytes } from '../../components/format-bytes.js';
import { timeAgo } from '../../components/format-time.js';
import { VirtualList } from '../../components/VirtualList.js';
import { useUiStore } from '../../stores/ui-store.js';
import { imageRows, searchRows, type ImageRow } from './image-rows.js';
import { useImagesUiStore } from './images-ui-store.js';

const ROW_HEIGHT = 40;

function ImageActions({ row }: { row: ImageRow }) {
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const label = row.name ?? row.shortId;
  return (
    <div className="row-actions">
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
        {row.containers > 0 ? `${row.containers} container${row.containers === 1 ? '' : 's'}` : ''}
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
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search by name or ID"
          aria-label="Search images"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted count" aria-live="polite">
          {search
            ? `${shown.length} of ${rows.length} shown`
            : `${imageCount} image${imageCount === 1 ? '' : 's'}`}
        </span>
        <div className="toolbar-actions">
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
          <button
            type="button"
            className="button button-primary"
            onClick={() => openDialog({ kind: 'pull' })}
          >
            Pull image
          </button>
        </div>
      </div>
      {images.isError ? (
        <div className="error-panel" role="alert">
          <strong>Could not list images.</strong> {images.error.message}
        </div>
      ) : images.isPending ? (
        <p className="muted">Loading images…</p>
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <p>No images yet.</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => openDialog({ kind: 'pull' })}
          >
            Pull your first image
          </button>
        </div>
      ) : (
        <div className="table" role="table" aria-label="Images" aria-rowcount={shown.length + 1}>
          <div className="table-header" role="row" aria-rowindex={1}>
            <div role="columnheader" className="cell cell-name">
              Name
            </div>
            <div role="columnheader" className="cell cell-id">
              Image ID
            </div>
            <div role="columnheader" className="cell cell-created">
              Created
            </div>
            <div role="columnheader" className="cell cell-size">
              Size
            </div>
            <div role="columnheader" className="cell cell-used">
              In use
            </div>
            <div role="columnheader" className="cell cell-actions">
              <span className="visually-hidden">Actions</span>
            </div>
          </div>
          {shown.length === 0 ? (
            <p className="muted empty-search">No image matches “{search}”.</p>
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              getKey={(row) => row.key}
              renderRow={(row) => <ImageRowCells row={row} />}
              label="Image rows"
            />
          )}
        </div>
      )}
    </div>
  );
}
