// Deletes an image name (or the image, when it is its last name or chosen by ID). An image that
// containers use is only removed with force, which removes those containers too: the dialog
// says so and asks again rather than forcing by default.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImageRemovalReport } from '../../../../engine/src/contract/image-types.js';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { dropImages, refreshImage } from '../../api/image-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useImagesUiStore } from './images-ui-store.js';

export function DeleteImageDialog({
  imageId,
  imageRef,
  label,
}: {
  imageId: string;
  imageRef: string;
  label: string;
}) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useImagesUiStore((s) => s.closeDialog);
  const navigate = useUiStore((s) => s.navigate);
  const [inUse, setInUse] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (force: boolean) => engine.call('images.remove', { images: [imageRef], force }),
    onSuccess: async (report: ImageRemovalReport) => {
      dropImages(queryClient, report.deleted);
      const conflict = report.errors.find((e) => e.code === 'conflict');
      if (conflict) {
        setInUse(conflict.message);
        return;
      }
      if (report.errors.length > 0) throw new Error(report.errors.map((e) => e.message).join('; '));
      if (!report.deleted.includes(imageId)) await refreshImage(queryClient, engine, imageId);
      else if (useUiStore.getState().route.imageId === imageId) navigate({ page: 'images' });
      close();
    },
  });
  return (
    <Dialog
      title={`Delete ${label}?`}
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          {inUse ? (
            <button
              type="button"
              className="button button-danger"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate(true)}
            >
              Delete image and its containers
            </button>
          ) : (
            <button
              type="button"
              className="button button-danger"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate(false)}
            >
              Delete
            </button>
          )}
        </>
      }
    >
      {inUse ? (
        <p role="alert" className="error-text">
          {inUse}
        </p>
      ) : (
        <p>
          {imageRef === imageId
            ? 'The image and its layers that no other image uses will be removed.'
            : `The name ${label} will be removed; the image goes too if this is its last name.`}
        </p>
      )}
      <ErrorText error={mutation.error} />
    </Dialog>
  );
}
