import { describe, expect, it } from 'vitest';
import { pastaPortArgs } from './pasta-network.js';

const mapping = (over: Partial<Parameters<typeof pastaPortArgs>[0][number]>) => ({
  host_ip: '',
  container_port: 80,
  host_port: 8080,
  range: 1,
  protocol: 'tcp',
  ...over,
});

describe('pastaPortArgs', () => {
  it('forwards nothing when no port is published', () => {
    expect(pastaPortArgs([])).toEqual(['-t', 'none', '-u', 'none']);
  });

  it('maps host to container ports, with ranges and a host address', () => {
    expect(
      pastaPortArgs([
        mapping({}),
        mapping({ host_ip: '127.0.0.1', host_port: 9000, container_port: 90, range: 3 }),
        mapping({ protocol: 'udp', host_port: 5353, container_port: 53 }),
      ]),
    ).toEqual(['-t', '8080:80', '-t', '127.0.0.1/9000-9002:90-92', '-u', '5353:53']);
  });

  it('refuses sctp, which pasta cannot forward', () => {
    expect(() => pastaPortArgs([mapping({ protocol: 'sctp' })])).toThrow(/tcp and udp only/);
  });
});
