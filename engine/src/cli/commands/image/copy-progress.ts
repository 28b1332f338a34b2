// Podman's copy lines for load, save and import (the same containers/image copy prints them):
// "Getting image source signatures", a line or bar per blob, "Copying config ...", and
// "Writing manifest to image destination" / "Storing signatures" once the image is stored.
import type { Writable } from 'node:stream';
import type { LoadEventListener } from '../../../image/load-events.js';
import { TransferProgress } from './transfer-progress.js';

export function copyProgressListener(out: Writable): LoadEventListener {
  const progress = new TransferProgress(out);
  let started = false;
  return (event) => {
    if (!started) {
      started = true;
      progress.line('Getting image source signatures');
    }
    if (event.type === 'layer') return progress.blob(event);
    progress.finish();
    if (event.type === 'config') progress.line(`Copying config ${event.digest}`);
    else progress.line('Writing manifest to image destination\nStoring signatures');
  };
}
