// Pruning one kind of object (images, volumes, networks): what it removes, an optional wider
// choice, then how many went. The page says what pruning means and updates its own list.
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { DialogButtons } from './DialogButtons.js';
import { ErrorText } from './ErrorText.js';
import { countOf } from './ListToolbar.js';

export interface PruneDialogProps {
  /** "image", "volume", "network". */
  noun: string;
  description: ReactNode;
  /** A checkbox widening the prune (all unused images, named volumes); its value goes to `prune`. */
  option?: string;
  prune(option: boolean): Promise<{ removed: readonly string[] }>;
  onClose(): void;
}

export function PruneDialog({ noun, description, option, prune, onClose }: PruneDialogProps) {
  const [wider, setWider] = useState(false);
  const mutation = useMutation({ mutationFn: () => prune(wider) });
  return (
    <Dialog
      title={`Prune ${noun}s`}
      onClose={onClose}
      actions={
        mutation.isSuccess ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <DialogButtons
            onCancel={onClose}
            label="Prune"
            danger
            disabled={mutation.isPending}
            onConfirm={() => mutation.mutate()}
          />
        )
      }
    >
      {mutation.isSuccess ? (
        <p role="status">
          {mutation.data.removed.length === 0
            ? 'Nothing to remove.'
            : `Removed ${countOf(mutation.data.removed.length, noun)}.`}
        </p>
      ) : (
        <>
          <p>{description}</p>
          {option ? (
            <label className="checkbox">
              <input type="checkbox" checked={wider} onChange={(e) => setWider(e.target.checked)} />
              {option}
            </label>
          ) : null}
        </>
      )}
      <ErrorText error={mutation.error} />
    </Dialog>
  );
}
