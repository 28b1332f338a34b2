// Errors of the image domain. Each carries podman's exit code for engine failures (125) so that
// the CLI prints one `Error: ...` line and exits as podman does; messages say what failed, on
// what, and what to do next.
export class ImageError extends Error {
  readonly exitCode: number = 125;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No local image matches a name or ID. */
export class ImageNotFoundError extends ImageError {}

/** A registry answered, but the image or tag does not exist there. */
export class ManifestUnknownError extends ImageError {}

/** The registry refused our credentials or requires some. */
export class RegistryAuthError extends ImageError {}

/** The registry could not be reached (DNS, refused connection, TLS failure, timeout). */
export class RegistryUnreachableError extends ImageError {}

/** Content did not hash to the digest that named it: corruption or tampering on the way. */
export class DigestMismatchError extends ImageError {}

/** A manifest, index or config that is not valid JSON of the expected shape. */
export class MalformedContentError extends ImageError {}

/** A layer archive that tried to escape its directory or otherwise cannot be extracted safely. */
export class UnsafeLayerError extends ImageError {}

/** The image is used by a container and cannot be removed without --force. */
export class ImageInUseError extends ImageError {
  override readonly exitCode: number = 2;
}
