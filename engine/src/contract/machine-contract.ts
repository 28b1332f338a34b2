// The machines domain: the VMs of the host the desktop app runs on (`berth machine ...`). Unlike
// the other domains it is never served by an Engine: machines are host-local, so the desktop
// serves them from the host's machine manager whatever engine (local or a remote connection) it
// uses. Init and start are streams of progress lines (a start under TCG takes a minute); start
// ends when the engine's API answers, or fails with the console's last lines. `terminal` is a
// shell over SSH, as the containers' terminal.
import { z } from 'zod';
import { call, defineDomain, duplexStream, returns, stream } from './contract-spec.js';
import type { MachineProgress, MachineSummary } from './machine-types.js';
import { terminalInput, type TerminalOutput } from './terminal-io.js';

/** podman's rule for machine names: they become folder names and the guest's hostname. */
export const MACHINE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** The machine `berth machine` commands use when given no name. */
export const DEFAULT_MACHINE_NAME = 'berth-machine-default';
/** `--volume`: an absolute HOST-PATH, optionally `:GUEST-PATH` (the same path by default). */
export const MACHINE_VOLUME_PATTERN = /^\/[^:\0]*(?::\/[^:\0]*)?$/;
/** `--image`: an absolute path to an image folder or archive, or an http(s) URL to an archive. */
export const MACHINE_IMAGE_PATTERN = /^(?:\/|https?:\/\/)\S/;

/** The socket paths under the machine's name must stay under the 107-byte limit of unix sockets. */
const machineName = z
  .string()
  .min(1, 'give the machine a name')
  .max(64, 'use at most 64 characters')
  .regex(MACHINE_NAME_PATTERN, 'use letters, digits, "_", "." and "-", starting with a letter or digit');
const machineInput = z.object({ machine: machineName }).strict();
const wholeNumber = (message: string) => z.number({ error: 'use a whole number' }).int(message);

export const machineInitInput = z
  .object({
    name: machineName.default(DEFAULT_MACHINE_NAME),
    cpus: wholeNumber('use a whole number of CPUs')
      .min(1, 'use at least 1 CPU')
      .max(256, 'use at most 256 CPUs')
      .default(2),
    memoryMiB: wholeNumber('use a whole number of MiB')
      .min(256, 'use at least 256 MiB')
      .max(1024 * 1024, 'use at most 1048576 MiB (1 TiB)')
      .default(2048),
    diskGiB: wholeNumber('use a whole number of GiB')
      .min(1, 'use at least 1 GiB')
      .max(16 * 1024, 'use at most 16384 GiB')
      .default(20),
    /** Without one: the newest image build/machine-image/build-image.sh made, as the CLI does. */
    image: z
      .string()
      .max(4096)
      .regex(
        MACHINE_IMAGE_PATTERN,
        'use an absolute path to a machine image (folder or archive) or an http(s) URL',
      )
      .optional(),
    /** Expected sha256 (hex) of the image archive. */
    imageSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'use the 64 lower-case hex digits of a sha256')
      .optional(),
    volumes: z
      .array(z.string().max(4096).regex(MACHINE_VOLUME_PATTERN, 'use an absolute HOST-PATH[:GUEST-PATH]'))
      .max(64)
      .default([]),
  })
  .strict();

export const machineContract = defineDomain('machines', {
  calls: {
    /** Every machine of the host, by name. */
    'machines.list': call(z.object({}).strict(), returns<MachineSummary[]>()),
    /** Powers the machine down (forced after a timeout); a stopped machine stays stopped. */
    'machines.stop': call(machineInput, returns<MachineSummary>()),
    /** The machine, its disk, keys and connection; a running one only with `force` (stopped first). */
    'machines.remove': call(
      z.object({ machine: machineName, force: z.boolean().default(false) }).strict(),
      returns<{ name: string }>(),
    ),
  },
  streams: {
    /**
     * Creates a machine from an image (unpacked into the image cache once) and registers its
     * connection. Cancelling stops the progress lines only: the init finishes or fails on its own.
     */
    'machines.init': stream(machineInitInput, returns<MachineProgress>()),
    /**
     * Boots the machine; ends once the engine's API answers on the forwarded socket. A boot that
     * dies or hangs fails with the console's last lines. Cancelling stops the progress lines
     * only: the boot goes on (a window closing must not leave a half-started VM).
     */
    'machines.start': stream(machineInput, returns<MachineProgress>()),
    /** A login shell with a terminal in the running machine, over SSH; cancelling hangs it up. */
    'machines.terminal': duplexStream(
      z
        .object({
          machine: machineName,
          cols: z.number().int().min(1).max(1000).default(80),
          rows: z.number().int().min(1).max(1000).default(24),
        })
        .strict(),
      returns<TerminalOutput>(),
      terminalInput,
    ),
  },
});
