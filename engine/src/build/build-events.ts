// What a build reports while it runs, for the CLI (podman's lines), the API service (Docker's
// JSON stream) and the desktop app (live output). One event per line of podman's output, except
// RUN output, which arrives in chunks as the container writes it.

export type BuildEvent =
  /** A step starts: `[1/2] STEP 3/5: RUN make`. `stages` > 1 adds the stage prefix. */
  | { type: 'step'; stage: number; stages: number; step: number; steps: number; instruction: string }
  /** Output of a RUN (or of ADD's download), as written. */
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: string }
  /** The step's result was found in the cache. */
  | { type: 'cache'; imageId: string }
  /** The step's result (an intermediate image). */
  | { type: 'step-done'; imageId: string }
  /** The final image is being committed under these names (none: unnamed). */
  | { type: 'commit'; stage: number; stages: number; names: string[] }
  | { type: 'tagged'; name: string }
  /** A base image is being pulled. */
  | { type: 'pull'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'done'; imageId: string; names: string[] };

export type BuildEventListener = (event: BuildEvent) => void;

function stagePrefix(stage: number, stages: number): string {
  return stages > 1 ? `[${stage}/${stages}] ` : '';
}

/** podman's text for an event (without the trailing newline); undefined for events it does not print. */
export function formatBuildEvent(event: BuildEvent): string | undefined {
  switch (event.type) {
    case 'step':
      return `${stagePrefix(event.stage, event.stages)}STEP ${event.step}/${event.steps}: ${event.instruction}`;
    case 'cache':
      return `--> Using cache ${event.imageId}`;
    case 'step-done':
      return `--> ${event.imageId.slice(0, 11)}`;
    case 'commit':
      return `${stagePrefix(event.stage, event.stages)}COMMIT${event.names.length > 0 ? ` ${event.names.join(', ')}` : ''}`;
    case 'tagged':
      return `Successfully tagged ${event.name}`;
    case 'pull':
      return event.message;
    case 'warning':
      return `[Warning] ${event.message}`;
    case 'done':
      return event.imageId;
    case 'output':
      return undefined;
  }
}
