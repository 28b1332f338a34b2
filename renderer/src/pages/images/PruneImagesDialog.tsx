// Removes dangling images (no names), or every image no container uses.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { dropImages } from '../../api/image-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { useImagesUiStore } from './images-ui-store.js';

export function PruneImagesDialog() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useImagesUiStore((s) => s.closeDialog);
  const [all, setAll] = useState(false);
  const mutation = useMutation({
    mutationFn: () => engine.call('images.prune', { all }),
    onSuccess: ({ removed }) => dropImages(queryClient, removed),
  });
  const done = mutation.isSuccess;
  return (
    <Dialog
      title="Prune images"
      onClose={close}
      actions={
        done ? (
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate()}
            >
              Prune
            </button>
          </>
        )
      }
    >
      {done ? (
        <p role="status">
          {mutation.data.removed.length === 0
            ? 'Nothing to remove.'
            : `Removed ${mutation.data.removed.length} image${mutation.data.removed.length === 1 ? '' : 's'}.`}
        </p>
      ) : (
        <>
          <p>Removes images without a name (dangling), and the layers only they used.</p>
          <label className="checkbox">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            Also remove every image that no container uses
          </label>
        </>
      )}
      {mutation.isError ? (
        <p className="error-text" role="alert">
          {mutation.error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
