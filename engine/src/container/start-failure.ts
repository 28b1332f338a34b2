// podman's exit codes for a container process that could not be started: 127 when the command
// does not exist, 126 when it exists but cannot be run; anything else is the engine's 125.
export class ContainerStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function classifyStartFailure(error: Error): ContainerStartError {
  const message = error.message;
  const execFailure = /exec: |exec failed|executable file/.test(message);
  if (execFailure && /executable file not found|no such file or directory/i.test(message))
    return new ContainerStartError(
      `${message}: OCI runtime attempted to invoke a command that was not found`,
      127,
    );
  if (execFailure && /permission denied|is a directory|exec format error/i.test(message))
    return new ContainerStartError(`${message}: OCI permission denied`, 126);
  return new ContainerStartError(message, (error as { exitCode?: number }).exitCode ?? 125);
}
