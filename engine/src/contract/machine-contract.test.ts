import { describe, expect, it } from 'vitest';
import { CALL_INPUTS, CONTRACT, STREAM_INPUTS } from './engine-contract.js';
import { DEFAULT_MACHINE_NAME, machineInitInput } from './machine-contract.js';

/** The first issue's path and message, as the dispatcher and the create dialog report them. */
function firstIssue(input: unknown): string {
  const checked = machineInitInput.safeParse(input);
  if (checked.success) return 'valid';
  const issue = checked.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('the machines domain', () => {
  it("fills init's defaults as `berth machine init` does, the image left to the engine", () => {
    expect(machineInitInput.parse({})).toEqual({
      name: DEFAULT_MACHINE_NAME,
      cpus: 2,
      memoryMiB: 2048,
      diskGiB: 20,
      volumes: [],
    });
    expect(
      machineInitInput.parse({
        name: 'dev.box_1',
        cpus: 4,
        memoryMiB: 256,
        diskGiB: 1,
        image: 'https://example.com/berth-machine.tar.zst',
        imageSha256: 'a'.repeat(64),
        volumes: ['/home/me', '/srv/data:/data'],
      }),
    ).toMatchObject({ name: 'dev.box_1', memoryMiB: 256, volumes: ['/home/me', '/srv/data:/data'] });
  });

  it('refuses bad names, resources, images and volumes, saying what to use', () => {
    expect(firstIssue({ name: '' })).toBe('name: give the machine a name');
    expect(firstIssue({ name: '-dash' })).toMatch(/^name: use letters, digits/);
    expect(firstIssue({ name: 'a/b' })).toMatch(/^name: use letters, digits/);
    expect(firstIssue({ name: 'x'.repeat(65) })).toBe('name: use at most 64 characters');
    expect(firstIssue({ cpus: 0 })).toBe('cpus: use at least 1 CPU');
    expect(firstIssue({ cpus: 1.5 })).toBe('cpus: use a whole number of CPUs');
    expect(firstIssue({ cpus: Number.NaN })).toBe('cpus: use a whole number');
    expect(firstIssue({ memoryMiB: 255 })).toBe('memoryMiB: use at least 256 MiB');
    expect(firstIssue({ diskGiB: 0 })).toBe('diskGiB: use at least 1 GiB');
    expect(firstIssue({ image: 'relative/image' })).toMatch(/^image: use an absolute path/);
    expect(firstIssue({ image: 'ftp://host/image.tar' })).toMatch(/^image: use an absolute path/);
    expect(firstIssue({ imageSha256: 'ABC' })).toMatch(/^imageSha256: use the 64 lower-case hex digits/);
    expect(firstIssue({ volumes: ['relative:/x'] })).toBe(
      'volumes.0: use an absolute HOST-PATH[:GUEST-PATH]',
    );
    expect(firstIssue({ volumes: ['/a:/b:/c'] })).toBe('volumes.0: use an absolute HOST-PATH[:GUEST-PATH]');
    expect(firstIssue({ rootful: false })).toMatch(/rootful/);
  });

  it('takes a machine by name for the verbs, and terminal input like the containers terminal', () => {
    expect(CALL_INPUTS['machines.list'].safeParse({}).success).toBe(true);
    expect(CALL_INPUTS['machines.remove'].parse({ machine: 'm' })).toEqual({ machine: 'm', force: false });
    expect(CALL_INPUTS['machines.stop'].safeParse({ machine: '../etc' }).success).toBe(false);
    expect(STREAM_INPUTS['machines.start'].safeParse({ machine: 'm', extra: 1 }).success).toBe(false);
    expect(STREAM_INPUTS['machines.terminal'].parse({ machine: 'm' })).toEqual({
      machine: 'm',
      cols: 80,
      rows: 24,
    });
    expect(STREAM_INPUTS['machines.terminal'].safeParse({ machine: 'm', cols: 0 }).success).toBe(false);
    expect(
      CONTRACT.streams['machines.terminal'].send.safeParse({ type: 'resize', cols: 100, rows: 30 }).success,
    ).toBe(true);
    // Progress streams take nothing from the client.
    expect(CONTRACT.streams['machines.start'].send.safeParse({ type: 'data', data: 'x' }).success).toBe(
      false,
    );
  });
});
