// `image inspect` as JSON, podman's field names.
import type { ImageInspect } from '../../../../engine/src/contract/image-types.js';
import { JsonView } from '../../components/JsonView.js';

export function ImageDetailsInspect({ image }: { image: ImageInspect }) {
  return <JsonView value={image} label="Image inspect JSON" />;
}
