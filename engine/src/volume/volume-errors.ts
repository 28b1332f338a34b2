// Errors of the volume domain, with podman's exit codes for `volume rm` (1: no such volume,
// 2: in use) and 125 for everything else; messages say what failed, on what, and what to do.
export class VolumeError extends Error {
  readonly exitCode: number = 125;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class VolumeNotFoundError extends VolumeError {
  override readonly exitCode: number = 1;
  constructor(readonly volumeName: string) {
    super(`no volume with name "${volumeName}" found: no such volume`);
  }
}

export class VolumeExistsError extends VolumeError {
  constructor(readonly volumeName: string) {
    super(`volume with name ${volumeName} already exists: volume already exists (use --ignore to reuse it)`);
  }
}

export class VolumeInUseError extends VolumeError {
  override readonly exitCode: number = 2;
}

/** A bad name, driver or option: nothing was created. */
export class VolumeInvalidError extends VolumeError {}
