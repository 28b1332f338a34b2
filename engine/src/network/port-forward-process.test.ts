import { describe, expect, it } from 'vitest';
import { parseForwardTarget } from './port-forward-process.js';
import { forwardSpec } from './rootless-port-forward.js';

describe('parseForwardTarget', () => {
  it('reads what forwardSpec writes', () => {
    expect(parseForwardTarget(forwardSpec('tcp', 3, '10.86.0.5', 80))).toEqual({
      protocol: 'tcp',
      fd: 3,
      address: '10.86.0.5',
      port: 80,
    });
    expect(parseForwardTarget('udp:4:10.0.2.100:53').protocol).toBe('udp');
  });

  it('refuses anything else, showing the expected form', () => {
    expect(() => parseForwardTarget('sctp:3:10.0.0.1:80')).toThrow(/expected PROTO:FD:ADDRESS:PORT/);
    expect(() => parseForwardTarget('tcp:3:10.0.0.1')).toThrow(/invalid forward "tcp:3:10.0.0.1"/);
  });
});
