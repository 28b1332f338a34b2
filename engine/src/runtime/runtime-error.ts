// Errors from runc/crun and conmon. runc logs in logrus text format
// (`time="..." level=error msg="runc create failed: ..."`); users need the `msg`, not the noise.

export class OciRuntimeError extends Error {
  readonly exitCode = 125;
  constructor(
    message: string,
    /** The runtime's own words (the `msg` part), for callers that match on them. */
    readonly runtimeMessage: string,
    /** Everything the runtime wrote to stderr. */
    readonly stderr: string = '',
  ) {
    super(message);
  }
}

/** The container is not known to the runtime (never created, or already deleted). */
export class ContainerNotInRuntimeError extends OciRuntimeError {}

/** The messages of every error line (logrus text or JSON); the trimmed text when there are none. */
export function extractRuntimeMessage(stderr: string): string {
  const messages: string[] = [];
  for (const line of stderr.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('{')) {
      try {
        const parsed = JSON.parse(trimmed) as { msg?: unknown; level?: unknown };
        if (typeof parsed.msg === 'string' && parsed.level !== 'debug' && parsed.level !== 'info')
          messages.push(parsed.msg);
        continue;
      } catch {
        // not JSON after all: treat as text below
      }
    }
    const level = /(?:^|\s)level=(\w+)/.exec(trimmed)?.[1];
    if (level && level !== 'error' && level !== 'fatal' && level !== 'panic') continue;
    const msg = logfmtValue(trimmed, 'msg');
    if (msg !== undefined) messages.push(msg);
    else if (!level) messages.push(trimmed);
  }
  if (messages.length === 0) return stderr.trim();
  return [...new Set(messages)].join('; ');
}

/** The value of key=... in a logfmt line: quoted (with Go escapes) or bare. */
function logfmtValue(line: string, key: string): string | undefined {
  const at = new RegExp(`(?:^|\\s)${key}=`).exec(line);
  if (!at) return undefined;
  const start = at.index + at[0].length;
  if (line[start] !== '"') return line.slice(start).split(/\s/)[0];
  let out = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return out;
    if (c === '\\' && i + 1 < line.length) {
      const next = line[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else {
      out += c;
    }
  }
  return out;
}
