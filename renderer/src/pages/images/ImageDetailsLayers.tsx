// The layer explorer: an image's layers, bottom first, each with the step that made it and its
// size; choosing one lists what it adds, modifies and removes (LayerFilesList). The top layer
// is chosen to begin with: it is the one that makes this image what it is.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { imageKeys } from '../../api/image-cache.js';
import { formatBytes } from '../../components/format-bytes.js';
import { LayerFilesList } from './LayerFilesList.js';

export function ImageDetailsLayers({ imageId }: { imageId: string }) {
  const engine = useEngine();
  const layers = useQuery({
    queryKey: imageKeys.layers(imageId),
    queryFn: () => engine.call('images.layers', { image: imageId }),
    // A layer never changes: an image ID names its layers for good.
    staleTime: Infinity,
  });
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  if (layers.isError)
    return (
      <div className="error-panel" role="alert">
        <strong>Could not read the layers.</strong> {layers.error.message}
      </div>
    );
  if (layers.isPending) return <p className="muted">Loading layers…</p>;
  if (layers.data.length === 0) return <p className="muted">This image has no layers.</p>;
  const current = chosen ?? layers.data.length - 1;
  return (
    <div className="layer-explorer">
      <ol className="layer-steps" aria-label="Image layers">
        {layers.data.map((layer) => (
          <li key={layer.index}>
            <button
              type="button"
              className={layer.index === current ? 'layer-step active' : 'layer-step'}
              aria-pressed={layer.index === current}
              aria-label={`Layer ${layer.index}: ${layer.createdBy || 'step unknown'}`}
              title={layer.createdBy || layer.diffId}
              onClick={() => setChosen(layer.index)}
            >
              <span className="layer-index">{layer.index}</span>
              <span className="mono layer-created-by">{layer.createdBy || layer.diffId.slice(7, 19)}</span>
              <span className="layer-size">{formatBytes(layer.size)}</span>
            </button>
          </li>
        ))}
      </ol>
      <LayerFilesList key={current} imageId={imageId} layer={current} />
    </div>
  );
}
