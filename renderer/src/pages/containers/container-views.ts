// The containers page's views besides the list, each its own chunk: one container's details
// (logs, stats, terminal) and the create form (with the contract's zod schema) are not needed to
// show the list, and load when first opened.
import { lazyComponent } from '../../components/lazy-component.js';

export const LazyContainerDetails = lazyComponent(
  'the container',
  async () => (await import('./ContainerDetails.js')).ContainerDetails,
);

export const LazyCreateContainerForm = lazyComponent(
  'the form',
  async () => (await import('./CreateContainerForm.js')).CreateContainerForm,
);

export async function preloadContainerViews(): Promise<void> {
  await Promise.all([LazyContainerDetails.preload(), LazyCreateContainerForm.preload()]);
}
