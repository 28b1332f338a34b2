// One image: its names and actions, with Summary, History, Layers (the layer explorer) and
// Inspect tabs.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { imageKeys } from '../../api/image-cache.js';
import { DetailsHeader } from '../../components/DetailsHeader.js';
import { DetailsTabs } from '../../components/DetailsTabs.js';
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
      <DetailsHeader backLabel="Images" onBack={() => navigate({ page: 'images' })} title={title}>
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
      </DetailsHeader>
      <DetailsTabs<Tab>
        label="Image details"
        idPrefix="image"
        tabs={TABS}
        current={tab}
        onChoose={setTab}
        panel={(t) =>
          inspect.isError ? (
            <div className="error-panel" role="alert">
              <strong>Could not read image {imageId.slice(0, 12)}.</strong> {inspect.error.message}
            </div>
          ) : inspect.isPending ? (
            <p className="muted">Loading…</p>
          ) : t === 'Summary' ? (
            <ImageDetailsSummary image={inspect.data} />
          ) : t === 'History' ? (
            <ImageDetailsHistory imageId={imageId} />
          ) : t === 'Layers' ? (
            <ImageDetailsLayers imageId={imageId} />
          ) : (
            <ImageDetailsInspect image={inspect.data} />
          )
        }
      />
    </div>
  );
}
