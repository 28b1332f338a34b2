import { describe, expect, it } from 'vitest';
import {
  DROPPED_ATTRIBUTES_MARKER,
  MAX_EVENT_LINE_BYTES,
  decodeEventLine,
  encodeEventLine,
} from './event-codec.js';
import type { BerthEvent } from './event-types.js';

const event: BerthEvent = {
  Type: 'container',
  Status: 'died',
  ID: 'a'.repeat(64),
  Name: 'web',
  Image: 'docker.io/library/busybox:latest',
  timeNano: 1_795_000_000_123_456_789n,
  Attributes: { app: 'shop', 'com.example.tier': 'front' },
  ContainerExitCode: 137,
};

describe('event lines', () => {
  it('is one line of podman-shaped JSON that decodes to the same event', () => {
    const line = encodeEventLine(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    const raw = JSON.parse(line) as Record<string, unknown>;
    expect(raw.Time).toBe('2026-11-18T11:06:40.123456789Z');
    expect(raw.Status).toBe('died');
    expect(decodeEventLine(line.trimEnd())).toEqual(event);
  });

  it('leaves empty fields out and writes null Attributes, as podman', () => {
    const line = encodeEventLine({ Type: 'volume', Status: 'create', Name: 'data', timeNano: 1n });
    expect(JSON.parse(line)).toEqual({
      Name: 'data',
      Status: 'create',
      Time: '1970-01-01T00:00:00.000000001Z',
      Type: 'volume',
      Attributes: null,
    });
  });

  it('drops huge attributes rather than writing a huge line', () => {
    const big = { ...event, Attributes: { blob: 'x'.repeat(100_000) } };
    const line = encodeEventLine(big);
    expect(Buffer.byteLength(line)).toBeLessThan(MAX_EVENT_LINE_BYTES);
    expect(decodeEventLine(line.trimEnd())?.Attributes).toEqual({ [DROPPED_ATTRIBUTES_MARKER]: '1' });
  });

  it('rejects lines that are not events', () => {
    expect(decodeEventLine('{"Type":"container","Status":"start"')).toBeUndefined();
    expect(
      decodeEventLine('{"Type":"spaceship","Status":"start","Time":"2026-11-18T11:06:40Z"}'),
    ).toBeUndefined();
    expect(decodeEventLine('{"Type":"image","Status":"pull","Time":"tuesday"}')).toBeUndefined();
    expect(decodeEventLine('null')).toBeUndefined();
  });
});
