import { describe, expect, it } from 'vitest';
import { CALL_INPUTS, CONTRACT, STREAM_INPUTS } from './engine-contract.js';

const create = CALL_INPUTS['containers.create'];

describe('containers.create input', () => {
  it('fills defaults for a bare image', () => {
    expect(create.parse({ image: 'busybox' })).toEqual({
      image: 'busybox',
      command: [],
      env: [],
      ports: [],
      volumes: [],
      restartPolicy: { name: 'no', maxRetries: 0 },
      tty: false,
      interactive: false,
      start: false,
    });
  });

  it('accepts what the create form sends', () => {
    const parsed = create.safeParse({
      image: '127.0.0.1:5000/library/busybox:latest',
      name: 'web-1',
      command: ['sh', '-c', 'echo hello; sleep 1000'],
      env: ['A=1', 'EMPTY=', 'MULTI=a=b c'],
      ports: ['8080:80', '127.0.0.1::53/udp', '[::1]:9000-9001:9000-9001/tcp', '80'],
      volumes: ['data:/data', '/srv/www:/www:ro', '/scratch'],
      restartPolicy: { name: 'on-failure', maxRetries: 3 },
      start: true,
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each([
    [{ image: '' }, 'image'],
    [{ image: 'b', name: '-bad' }, 'name'],
    [{ image: 'b', name: 'has space' }, 'name'],
    [{ image: 'b', env: ['NOVALUE'] }, 'env.0'],
    [{ image: 'b', env: ['1A=x'] }, 'env.0'],
    [{ image: 'b', ports: ['80:http'] }, 'ports.0'],
    [{ image: 'b', ports: ['80/icmp'] }, 'ports.0'],
    [{ image: 'b', volumes: ['relative/path:/x'] }, 'volumes.0'],
    [{ image: 'b', volumes: ['data:not-absolute'] }, 'volumes.0'],
    [{ image: 'b', restartPolicy: { name: 'sometimes' } }, 'restartPolicy.name'],
    [{ image: 'b', privileged: true }, ''],
  ])('refuses %j at %s', (input, where) => {
    const parsed = create.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(where);
  });
});

describe('container streams', () => {
  it('take terminal input only on the terminals', () => {
    expect(
      CONTRACT.streams['containers.terminal'].send.safeParse({ type: 'data', data: 'ls\n' }).success,
    ).toBe(true);
    expect(
      CONTRACT.streams['containers.attach'].send.safeParse({ type: 'resize', cols: 1, rows: 1 }).success,
    ).toBe(true);
    expect(CONTRACT.streams['containers.logs'].send.safeParse({ type: 'data', data: 'x' }).success).toBe(
      false,
    );
  });

  it('default a terminal to a shell and logs to everything, followed', () => {
    expect(STREAM_INPUTS['containers.terminal'].parse({ container: 'c' })).toEqual({
      container: 'c',
      command: ['/bin/sh'],
      cols: 80,
      rows: 24,
    });
    expect(STREAM_INPUTS['containers.logs'].parse({ container: 'c' })).toEqual({
      container: 'c',
      tail: -1,
      follow: true,
    });
    expect(STREAM_INPUTS['containers.stats'].safeParse({ container: 'c', intervalMs: 10 }).success).toBe(
      false,
    );
  });
});

describe('volumes input', () => {
  it('validates names and fills defaults', () => {
    expect(CALL_INPUTS['volumes.create'].parse({ name: 'data' })).toEqual({
      name: 'data',
      labels: {},
      options: {},
    });
    expect(CALL_INPUTS['volumes.create'].safeParse({ name: '../etc' }).success).toBe(false);
    expect(CALL_INPUTS['volumes.remove'].safeParse({ volumes: [] }).success).toBe(false);
  });
});
