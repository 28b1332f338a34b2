// The containers domain: list, inspect, create, the lifecycle verbs, rename, prune and top; the
// logs and stats streams; and two terminals (duplex streams): `terminal` execs a shell with a TTY
// in the container, `attach` connects to the container's own TTY.
import { z } from 'zod';
import { call, defineDomain, duplexStream, returns, stream } from './contract-spec.js';
import type {
  ContainerInspect,
  ContainerLogLine,
  ContainerPruneReport,
  ContainerStatsSample,
  ContainerSummary,
  ContainerTopReport,
} from './container-types.js';
import { terminalInput, type TerminalOutput } from './terminal-io.js';

/** A name, full ID or unique ID prefix, as the CLI accepts them. */
const containerRef = z.string().min(1).max(256);
const containerInput = z.object({ container: containerRef }).strict();

/** podman's rule for container names. */
export const CONTAINER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** `NAME=value`: the value may be empty; the host's environment is never consulted. */
export const ENV_ENTRY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*=[^\0]*$/;
/** `-p`: `[ip:][hostPort:]containerPort[/protocol]`, ports or ranges, IPv6 in brackets. */
export const PORT_SPEC_PATTERN =
  /^(?:(?:\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(?:(?:\d{1,5}(?:-\d{1,5})?)?:)?\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/;
/** `-v`: `SOURCE:DEST[:OPTIONS]` (SOURCE an absolute host path or a volume name) or `DEST`. */
export const VOLUME_SPEC_PATTERN =
  /^(?:(?:\/[^:\0]*|[a-zA-Z0-9][a-zA-Z0-9_.-]*):)?\/[^:\0]*(?::[a-zA-Z0-9,=_-]+)?$/;

export const RESTART_POLICY_NAMES = ['no', 'on-failure', 'always', 'unless-stopped'] as const;

export const containerCreateInput = z
  .object({
    image: z.string().min(1).max(512),
    name: z
      .string()
      .max(253)
      .regex(CONTAINER_NAME_PATTERN, 'use letters, digits, "_", "." and "-", starting with a letter or digit')
      .optional(),
    /** Words after the image name; empty: the image's command. */
    command: z
      .array(z.string().max(64 * 1024))
      .max(1024)
      .default([]),
    env: z
      .array(
        z
          .string()
          .max(64 * 1024)
          .regex(ENV_ENTRY_PATTERN, 'use NAME=value'),
      )
      .max(1024)
      .default([]),
    ports: z
      .array(z.string().max(100).regex(PORT_SPEC_PATTERN, 'use [ip:][hostPort:]containerPort[/tcp|udp]'))
      .max(256)
      .default([]),
    volumes: z
      .array(
        z
          .string()
          .max(4096)
          .regex(VOLUME_SPEC_PATTERN, 'use /host/path:/container/path, volume-name:/path, or /path'),
      )
      .max(256)
      .default([]),
    restartPolicy: z
      .object({
        name: z.enum(RESTART_POLICY_NAMES),
        maxRetries: z.number().int().min(0).max(10_000).default(0),
      })
      .strict()
      .default({ name: 'no', maxRetries: 0 }),
    tty: z.boolean().default(false),
    interactive: z.boolean().default(false),
    /** Start it at once (`run -d`) rather than only create it. */
    start: z.boolean().default(false),
  })
  .strict();

const stopTimeout = z.number().int().min(0).max(3600).optional();

export const containerContract = defineDomain('containers', {
  calls: {
    /** Every container (`ps -a`) unless `all` is false; podman's ps filters. */
    'containers.list': call(
      z
        .object({
          all: z.boolean().default(true),
          filters: z.array(z.string().max(512)).max(32).default([]),
        })
        .strict(),
      returns<ContainerSummary[]>(),
    ),
    'containers.inspect': call(containerInput, returns<ContainerInspect>()),
    'containers.create': call(containerCreateInput, returns<ContainerSummary>()),
    'containers.start': call(containerInput, returns<ContainerSummary>()),
    /** The stop signal, then SIGKILL after `timeout` seconds (the container's own by default). */
    'containers.stop': call(
      z.object({ container: containerRef, timeout: stopTimeout }).strict(),
      returns<ContainerSummary>(),
    ),
    'containers.restart': call(
      z.object({ container: containerRef, timeout: stopTimeout }).strict(),
      returns<ContainerSummary>(),
    ),
    'containers.kill': call(
      z
        .object({
          container: containerRef,
          signal: z
            .string()
            .regex(/^(SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/)
            .default('KILL'),
        })
        .strict(),
      returns<ContainerSummary>(),
    ),
    'containers.pause': call(containerInput, returns<ContainerSummary>()),
    'containers.unpause': call(containerInput, returns<ContainerSummary>()),
    /** A running container only with `force`; `volumes` removes its anonymous volumes too. */
    'containers.remove': call(
      z
        .object({
          container: containerRef,
          force: z.boolean().default(false),
          volumes: z.boolean().default(false),
        })
        .strict(),
      returns<{ id: string }>(),
    ),
    'containers.rename': call(
      z
        .object({
          container: containerRef,
          name: z.string().max(253).regex(CONTAINER_NAME_PATTERN, 'not a valid container name'),
        })
        .strict(),
      returns<ContainerSummary>(),
    ),
    /** Removes every container that is not running; filters: label=, label!=, until=. */
    'containers.prune': call(
      z.object({ filters: z.array(z.string().max(512)).max(32).default([]) }).strict(),
      returns<ContainerPruneReport>(),
    ),
    /** The container's processes; `args` are ps(1) descriptors (podman's default set if empty). */
    'containers.top': call(
      z.object({ container: containerRef, args: z.array(z.string().max(100)).max(32).default([]) }).strict(),
      returns<ContainerTopReport>(),
    ),
  },
  streams: {
    /**
     * The last `tail` lines (all with -1) from `since` on, then, with `follow` and while the
     * container runs, new lines as they are written; ends when the container exits.
     */
    'containers.logs': stream(
      z
        .object({
          container: containerRef,
          tail: z.number().int().min(-1).max(10_000_000).default(-1),
          since: z.string().max(64).optional(),
          follow: z.boolean().default(true),
        })
        .strict(),
      returns<ContainerLogLine>(),
    ),
    /** A sample every `intervalMs` until cancelled. */
    'containers.stats': stream(
      z
        .object({
          container: containerRef,
          intervalMs: z.number().int().min(250).max(60_000).default(2000),
        })
        .strict(),
      returns<ContainerStatsSample>(),
    ),
    /**
     * A shell (or `command`) with a TTY in the running container. Cancelling ends the exec
     * session: its process gets SIGHUP (then SIGKILL) and its conmon exits.
     */
    'containers.terminal': duplexStream(
      z
        .object({
          container: containerRef,
          command: z.array(z.string().min(1).max(4096)).min(1).max(64).default(['/bin/sh']),
          cols: z.number().int().min(1).max(1000).default(80),
          rows: z.number().int().min(1).max(1000).default(24),
          user: z.string().max(256).optional(),
          workdir: z.string().max(4096).optional(),
        })
        .strict(),
      returns<TerminalOutput>(),
      terminalInput,
    ),
    /**
     * The container's own TTY (a container created with tty). Input reaches it only when it was
     * created interactive. Cancelling detaches; the container keeps running.
     */
    'containers.attach': duplexStream(
      z
        .object({
          container: containerRef,
          cols: z.number().int().min(1).max(1000).optional(),
          rows: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
      returns<TerminalOutput>(),
      terminalInput,
    ),
  },
});
