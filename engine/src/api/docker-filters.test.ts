import { describe, expect, it } from 'vitest';
import { ApiError } from './api-errors.js';
import { dockerFilters } from './docker-filters.js';

const q = (filters: string) => new URLSearchParams({ filters });

describe('dockerFilters', () => {
  it('turns both of Docker JSON forms into key=value strings', () => {
    expect(dockerFilters(q('{"status":["running","exited"],"label":{"a=b":true,"c":false}}'))).toEqual([
      'status=running',
      'status=exited',
      'label=a=b',
    ]);
    expect(dockerFilters(new URLSearchParams())).toEqual([]);
  });
  it('renames keys where Docker and the engine differ', () => {
    expect(dockerFilters(q('{"event":["die"]}'), { event: 'event' })).toEqual(['event=die']);
  });
  it('refuses malformed filters with a 400', () => {
    expect(() => dockerFilters(q('{nope'))).toThrow(ApiError);
    expect(() => dockerFilters(q('[1]'))).toThrow(/JSON object/);
    expect(() => dockerFilters(q('{"a":[1]}'))).toThrow(/must be strings/);
  });
});
