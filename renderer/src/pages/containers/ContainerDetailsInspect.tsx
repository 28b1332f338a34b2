// `inspect` of the container as JSON, podman's field names.
import type { ContainerInspect } from '../../../../engine/src/contract/container-types.js';
import { JsonView } from '../../components/JsonView.js';

export function ContainerDetailsInspect({ inspect }: { inspect: ContainerInspect }) {
  return <JsonView value={inspect} label="Container inspect JSON" />;
}
