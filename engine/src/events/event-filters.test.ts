import { describe, expect, it } from 'vitest';
import { compileEventFilters } from './event-filters.js';
import type { BerthEvent } from './event-types.js';

const start: BerthEvent = {
  Type: 'container',
  Status: 'start',
  ID: '3c2f'.padEnd(64, '0'),
  Name: 'web',
  Image: 'busybox',
  timeNano: 2_000_000_000n,
  Attributes: { app: 'shop' },
};
const died: BerthEvent = { ...start, Status: 'died', timeNano: 3_000_000_000n };
const pull: BerthEvent = {
  Type: 'image',
  Status: 'pull',
  ID: 'beef'.padEnd(64, '0'),
  Name: 'busybox',
  timeNano: 1n,
};
const volume: BerthEvent = { Type: 'volume', Status: 'create', Name: 'data-1', timeNano: 1n };

const select = (filters: string[]) =>
  [start, died, pull, volume]
    .filter(compileEventFilters(filters, 10_000_000_000n))
    .map((e) => `${e.Type}/${e.Status}`);

describe('event filters', () => {
  it('matches containers and images by name or ID prefix, volumes by name prefix', () => {
    expect(select(['container=web'])).toEqual(['container/start', 'container/died']);
    expect(select(['container=3c2f'])).toEqual(['container/start', 'container/died']);
    expect(select(['image=busybox'])).toEqual(['image/pull']);
    expect(select(['image=beef'])).toEqual(['image/pull']);
    expect(select(['volume=data'])).toEqual(['volume/create']);
  });

  it('ORs values of one key and ANDs different keys', () => {
    expect(select(['event=start', 'event=pull'])).toEqual(['container/start', 'image/pull']);
    expect(select(['type=container', 'status=died'])).toEqual(['container/died']);
    expect(select(['event=die'])).toEqual(['container/died']); // docker's name
  });

  it('matches labels by key or key=value', () => {
    expect(select(['label=app'])).toEqual(['container/start', 'container/died']);
    expect(select(['label=app=shop', 'event=died'])).toEqual(['container/died']);
    expect(select(['label=app=other'])).toEqual([]);
  });

  it('takes since= and until= as filters too', () => {
    expect(select(['since=2', 'type=container'])).toEqual(['container/died']);
    expect(select(['until=2.5', 'type=container'])).toEqual(['container/start']);
  });

  it('refuses unknown keys and values without =', () => {
    expect(() => compileEventFilters(['colour=blue'])).toThrow(/colour is an invalid filter/);
    expect(() => compileEventFilters(['container'])).toThrow(/invalid filter/);
  });
});
