import { describe, expect, it } from 'vitest';
import type { BlockedAttempt } from '../api-types';
import { LIVE_RANGE } from '@/lib/view/range';
import { shownRows } from '../table/data-table-model';
import { blockedColumns } from './blocked-columns';
import { attemptClusters, attemptKey, attemptsCsv, attemptSearchText, listedAttempts, sourceOf } from './blocked-rows';

const row = (over: Partial<BlockedAttempt>): BlockedAttempt => ({
  source: { namespace: 'data', workload: 'etl-worker' },
  host: 'pastebin.com',
  protocol: 'http',
  attempts: 10,
  trend: [],
  isNew: false,
  ...over,
});

const rows = [
  row({}),
  row({ host: null, protocol: 'tcp', source: { namespace: 'data', workload: 'cdc' }, attempts: 50, isNew: true }),
  row({ host: '=cmd|calc!A1', source: { namespace: 'legacy', workload: 'cms' }, attempts: 5 }),
];

const COLUMNS = blockedColumns({ several: true, trend: { start: '', end: '', step: 0 }, range: LIVE_RANGE });

/** The rows the blocked page shows: new-only, then the table's filter and sort (as DataTable runs them). */
function visibleAttempts(attempts: readonly BlockedAttempt[], filter: string, column: string, descending: boolean, newOnly: boolean): BlockedAttempt[] {
  const sort = { column, direction: descending ? 'descending' : 'ascending' } as const;
  return shownRows({ rows: listedAttempts(attempts, newOnly), columns: COLUMNS, rowKey: attemptKey, searchText: attemptSearchText, sort, filters: [filter] });
}

describe('the blocked table', () => {
  it('sorts by attempts, most first, and by text', () => {
    expect(visibleAttempts(rows, '', 'attempts', true, false).map((r) => r.attempts)).toEqual([50, 10, 5]);
    expect(visibleAttempts(rows, '', 'source', false, false).map((r) => r.source.workload)).toEqual(['cdc', 'etl-worker', 'cms']);
  });

  it('filters by every word and by new-only', () => {
    expect(visibleAttempts(rows, 'data TCP', 'attempts', true, false).map((r) => r.source.workload)).toEqual(['cdc']);
    expect(visibleAttempts(rows, '', 'attempts', true, true)).toHaveLength(1);
  });
});

describe('attemptsCsv', () => {
  it('exports the rows given, with formula injection neutralised', () => {
    const csv = attemptsCsv(rows);
    expect(csv.split('\r\n')[0]).toBe('source_namespace,source_workload,destination,protocol,attempts,first_seen,last_seen,new_in_window');
    expect(csv).toContain(`"'=cmd|calc!A1"`);
    expect(csv).toContain('TCP (destination not in metrics)');
    expect(csv.trim().split('\r\n')).toHaveLength(4);
  });
});

describe('attempts of several clusters', () => {
  const east = row({ source: { namespace: 'data', workload: 'etl-worker', cluster: 'east' } });
  const west = row({ source: { namespace: 'data', workload: 'etl-worker', cluster: 'west' }, attempts: 3 });

  it('names the cluster of a row, offers each cluster once, and finds by it', () => {
    expect(sourceOf(east, true)).toBe('east/data/etl-worker');
    expect(sourceOf(east, false)).toBe('data/etl-worker');
    expect(attemptClusters([east, west, east, rows[0]!])).toEqual(['east', 'west']);
    expect(visibleAttempts([east, west], 'west', 'attempts', true, false)).toEqual([west]);
  });

  it('exports source_cluster first when the rows have clusters', () => {
    const csv = attemptsCsv([east, west]).split('\r\n');
    expect(csv[0]).toBe('source_cluster,source_namespace,source_workload,destination,protocol,attempts,first_seen,last_seen,new_in_window');
    expect(csv[1]!.startsWith('east,data,etl-worker,pastebin.com,')).toBe(true);
  });
});
