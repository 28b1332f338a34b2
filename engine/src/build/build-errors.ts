// Errors of `build`: a syntax error names the Containerfile and the line, as podman's do
// (`Containerfile:7: unknown instruction: FOO`); a failed step names the step as written.

export class BuildSyntaxError extends Error {
  readonly exitCode = 125;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

export class BuildError extends Error {
  exitCode = 125;
}

/** A RUN whose command exited non-zero: the build's exit code is the command's, as podman's is. */
export class BuildStepFailedError extends BuildError {
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}
