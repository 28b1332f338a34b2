// One image: its names and actions, with Summary, History, Layers (the layer explorer) and
// Inspect tabs.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { imageKeys } from '../../api/image-cache.js';
import { useUiStore } from '../../stores/ui-store.js';
import { ImageDetailsHistory } from './ImageDetailsHistory.js';
import { ImageDetailsInspect } from './ImageDetailsInspect.js';
import { ImageDetailsLayers } from './ImageDetailsLayers.js';
import { ImageDetailsSummary } from './ImageDetailsSummary.js';
import { useImagesUiStore } from './images-ui-store.js';

const TABS = ['Summary', 'History', 'Layers', 'Inspect'] as const;
type Tab = (typeof TABS)[number];

export function ImageDetails({ imageId }: { imageId: string }) {
  const engine = useEngine();
  const navigate = useUiStore((s) => s.navigate);
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const [tab, setTab] = useState<Tab>('Summary');
  const inspect = useQuery({
    queryKey: imageKeys.inspect(imageId),
    queryFn: () => engine.call('images.inspect', { image: imageId }),
    staleTime: Infinity,
  });
  const title = inspect.data?.RepoTags[0] ?? imageId.slice(0, 12);
  return (
    <div className="details-page">
      <div className="details-head">
        <button type="button" className="link-button back" onClick={() => navigate({ page: 'images' })}>
          ← Images
        </button>
        <h2 className="details-title">{title}</h2>
        <div className="toolbar-actions">
          <button
            type="button"
            className="button"
            onClick={() => openDialog({ kind: 'push', imageId, name: inspect.data?.RepoTags[0] ?? '' })}
          >
            Push
          </button>
          <button
            type="button"
            className="button"
            onClick={() => openDialog({ kind: 'tag', imageId, ref: imageId })}
          >
            Tag
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => openDialog({ kind: 'delete', imageId, ref: imageId, label: title })}
          >
            Delete image
          </button>
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label="Image details">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`image-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`image-panel-${t}`}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`image-panel-${tab}`}
        aria-labelledby={`image-tab-${tab}`}
        className="tab-panel"
      >
        {inspect.isError ? (
          <div className="error-panel" role="alert">
            <strong>Could not read image {imageId.slice(0, 12)}.</strong> {inspect.error.message}
          </div>
        ) : inspect.isPending ? (
          <p className="muted">Loading…</p>
        ) : tab === 'Summary' ? (
          <ImageDetailsSummary image={inspect.data} />
        ) : tab === 'History' ? (
          <ImageDetailsHistory imageId={imageId} />
        ) : tab === 'Layers' ? (
          <ImageDetailsLayers imageId={imageId} />
        ) : (
          <ImageDetailsInspect image={inspect.data} />
        )}
      </div>
    </div>
  );
}
