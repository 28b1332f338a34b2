import { describe, expect, it } from 'vitest';
import { containerSummary } from '../../testing/container-fixtures.js';
import { containerRows, filterRows, stateLabel } from './container-rows.js';

describe('containerRows', () => {
  it('shapes ps output for the list, newest first, ports as links', () => {
    const rows = containerRows([
      containerSummary('aa', 'old', { created: 100, state: 'exited', exitCode: 137 }),
      containerSummary('bb', 'web', {
        created: 200,
        ports: [
          { host_ip: '', host_port: 8080, container_port: 80, protocol: 'tcp', range: 2 },
          { host_ip: '127.0.0.1', host_port: 5353, container_port: 53, protocol: 'udp', range: 1 },
          { host_ip: '::1', host_port: 9000, container_port: 90, protocol: 'tcp', range: 1 },
        ],
      }),
    ]);
    expect(rows.map((r) => r.name)).toEqual(['web', 'old']);
    expect(rows[0]!.ports).toEqual([
      { label: '8080→80/tcp', url: 'http://localhost:8080' },
      { label: '8081→81/tcp', url: 'http://localhost:8081' },
      { label: '5353→53/udp', url: undefined },
      { label: '9000→90/tcp', url: 'http://[::1]:9000' },
    ]);
    expect(rows[0]!.active).toBe(true);
    expect(stateLabel(rows[1]!)).toBe('exited (137)');
  });

  it('keeps containers made in the same second newest first, as the engine listed them', () => {
    const rows = containerRows([
      containerSummary('aa', 'web-10', { created: 100 }),
      containerSummary('bb', 'web-2', { created: 100 }),
      containerSummary('cc', 'db', { created: 50 }),
      containerSummary('dd', 'api', { created: 100 }),
    ]);
    expect(rows.map((r) => r.name)).toEqual(['api', 'web-2', 'web-10', 'db']);
  });

  it('filters by state and by every word of the search', () => {
    const rows = containerRows([
      containerSummary('aa', 'api-server', { state: 'running', image: 'localhost/api:v1' }),
      containerSummary('bb', 'api-worker', { state: 'exited' }),
      containerSummary('cc', 'db', { state: 'created' }),
    ]);
    expect(filterRows(rows, 'api', 'all').map((r) => r.name)).toEqual(['api-worker', 'api-server']);
    expect(filterRows(rows, 'API localhost', 'all').map((r) => r.name)).toEqual(['api-server']);
    expect(filterRows(rows, '', 'exited').map((r) => r.name)).toEqual(['api-worker']);
    expect(filterRows(rows, '', 'created').map((r) => r.name)).toEqual(['db']);
    expect(filterRows(rows, 'bb', 'running')).toEqual([]);
  });
});
