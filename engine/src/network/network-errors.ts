// Errors of the network domain, with podman's exit codes for `network rm` (1: no such network,
// 2: in use) and 125 for everything else; messages say what failed, on what, and what to do.
export class NetworkError extends Error {
  readonly exitCode: number = 125;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NetworkNotFoundError extends NetworkError {
  override readonly exitCode: number = 1;
  constructor(readonly networkName: string) {
    super(`unable to find network with name or ID ${networkName}: network not found`);
  }
}

export class NetworkInUseError extends NetworkError {
  override readonly exitCode: number = 2;
}

/** A port another container (or a host process) already uses: nothing was set up. */
export class PortInUseError extends NetworkError {}
