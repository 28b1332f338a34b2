// A host precondition of rootless mode is missing: the message says what and what to do.
export class RootlessSetupError extends Error {
  /** podman's exit code for engine errors. */
  readonly exitCode = 125;
  constructor(message: string) {
    super(message);
    this.name = 'RootlessSetupError';
  }
}
