// Adds a name to an image. A name without a registry is stored under localhost/, as podman does.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { ErrorText } from '../../components/ErrorText.js';
import { refreshImage } from '../../api/image-cache.js';
import { Dialog } from '../../components/Dialog.js';
import { DialogButtons } from '../../components/DialogButtons.js';
import { useImagesUiStore } from './images-ui-store.js';

export function TagImageDialog({ imageId }: { imageId: string }) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const close = useImagesUiStore((s) => s.closeDialog);
  const [tag, setTag] = useState('');
  const mutation = useMutation({
    mutationFn: (newTag: string) => engine.call('images.tag', { image: imageId, tags: [newTag] }),
    onSuccess: async () => {
      await refreshImage(queryClient, engine, imageId);
      close();
    },
  });
  return (
    <Dialog
      title={`Tag image ${imageId.slice(0, 12)}`}
      onClose={close}
      actions={
        <DialogButtons
          onCancel={close}
          label="Add tag"
          form="tag-form"
          disabled={tag.trim() === '' || mutation.isPending}
        />
      }
    >
      <form
        id="tag-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) mutation.mutate(tag.trim());
        }}
      >
        <label className="field">
          <span>New name</span>
          <input
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder="myimage:v1 or registry.example.com/team/myimage:v1"
            aria-label="New name"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </form>
      <ErrorText error={mutation.error} />
    </Dialog>
  );
}
