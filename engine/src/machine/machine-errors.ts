// Machine errors carry what failed, on which machine, and what to do next; the CLI prints them
// as `Error: <message>` with exit code 125.
export class MachineError extends Error {
  readonly exitCode = 125;
  constructor(message: string) {
    super(message);
    this.name = 'MachineError';
  }
}

/** The host lacks a tool or feature the provider needs. */
export class MachineHostError extends MachineError {}

/** A start the user cancelled: the VM it had begun to boot has been stopped. */
export function startCancelled(name: string): MachineError {
  return new MachineError(`machine ${name}: start cancelled; the VM it had begun to boot was stopped`);
}
