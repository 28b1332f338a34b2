// Errors that end a CLI run with a given exit code, printed as podman does: `Error: <message>`.
export const EXIT_ENGINE_ERROR = 125;
export const EXIT_CANNOT_INVOKE = 126;
export const EXIT_NOT_FOUND = 127;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_ENGINE_ERROR,
    /** A second line such as `See 'berth run --help'`. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
