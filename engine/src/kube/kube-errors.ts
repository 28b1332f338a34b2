// Errors of `kube generate`, `kube play` and `kube down`. The CLI prints them as podman does
// (`Error: <message>`, exit 125); YAML and shape errors carry the file and line they point at.

export class KubeError extends Error {
  readonly exitCode: number = 125;
}

/** A problem in the YAML itself or in a document's shape, at `file:line`. */
export class KubeYamlError extends KubeError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}
