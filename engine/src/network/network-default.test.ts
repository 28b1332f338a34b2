import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, DEFAULT_NETWORK_ID } from './network-default.js';

describe('the default network', () => {
  it('has the SHA-256 of its name for ID, as podman does', () => {
    expect(DEFAULT_NETWORK_ID).toBe(createHash('sha256').update(DEFAULT_NETWORK).digest('hex'));
  });
});
