import { describe, expect, it } from 'vitest';
import { CALL_INPUTS, STREAM_INPUTS } from './engine-contract.js';

describe('pods input', () => {
  it('fills defaults for a bare create and accepts what the create dialog sends', () => {
    expect(CALL_INPUTS['pods.create'].parse({})).toEqual({ ports: [], labels: {} });
    const parsed = CALL_INPUTS['pods.create'].safeParse({
      name: 'web-pod',
      ports: ['8080:80', '127.0.0.1::53/udp'],
      labels: { team: 'a', empty: '' },
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each([
    [{ name: '-bad' }, 'name'],
    [{ name: 'has space' }, 'name'],
    [{ ports: ['80:http'] }, 'ports.0'],
    [{ labels: { '': 'x' } }, 'labels.'],
    [{ share: 'ipc' }, ''],
  ])('refuses %j at %s', (input, where) => {
    const parsed = CALL_INPUTS['pods.create'].safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(where);
  });

  it('defaults the verbs as the CLI does', () => {
    expect(CALL_INPUTS['pods.kill'].parse({ pod: 'p' })).toEqual({ pod: 'p', signal: 'KILL' });
    expect(CALL_INPUTS['pods.remove'].parse({ pod: 'p' })).toEqual({ pod: 'p', force: false });
    expect(CALL_INPUTS['pods.stop'].safeParse({ pod: 'p', timeout: -1 }).success).toBe(false);
    expect(CALL_INPUTS['pods.start'].safeParse({ pod: '' }).success).toBe(false);
    expect(CALL_INPUTS['pods.list'].parse({})).toEqual({});
    expect(STREAM_INPUTS['pods.logs'].parse({ pod: 'p' })).toEqual({ pod: 'p', tail: -1, follow: true });
  });
});

describe('networks input', () => {
  it('fills defaults and accepts a subnet with its gateway', () => {
    expect(CALL_INPUTS['networks.create'].parse({ name: 'front' })).toEqual({
      name: 'front',
      internal: false,
      disableDns: false,
      labels: {},
    });
    expect(
      CALL_INPUTS['networks.create'].safeParse({ subnet: '10.90.0.0/24', gateway: '10.90.0.254' }).success,
    ).toBe(true);
  });

  it.each([
    [{ name: '../etc' }, 'name'],
    [{ subnet: '10.90.0.0' }, 'subnet'],
    [{ subnet: 'fd00::/64' }, 'subnet'],
    [{ subnet: '10.90.0.0/24', gateway: 'router' }, 'gateway'],
    [{ gateway: '10.90.0.1' }, 'gateway'],
    [{ driver: 'macvlan' }, ''],
  ])('refuses %j at %s', (input, where) => {
    const parsed = CALL_INPUTS['networks.create'].safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(where);
  });

  it('defaults remove to not forcing and connect to no aliases', () => {
    expect(CALL_INPUTS['networks.remove'].parse({ network: 'n' })).toEqual({ network: 'n', force: false });
    expect(CALL_INPUTS['networks.connect'].parse({ network: 'n', container: 'c' })).toEqual({
      network: 'n',
      container: 'c',
      aliases: [],
    });
  });
});
