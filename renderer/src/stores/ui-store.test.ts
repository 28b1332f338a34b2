import { describe, expect, it } from 'vitest';
import { initialRoute } from './ui-store.js';

describe('initialRoute', () => {
  it('opens the page the URL fragment names, the dashboard otherwise', () => {
    expect(initialRoute('#token=abc&page=containers')).toEqual({ page: 'containers' });
    expect(initialRoute('#token=abc&page=nowhere')).toEqual({ page: 'dashboard' });
    expect(initialRoute('')).toEqual({ page: 'dashboard' });
  });
});
