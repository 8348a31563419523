// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataTable, type DataTableProps } from './data-table';
import type { TableColumn, TableSort } from './data-table-model';

const downloads = vi.hoisted(() => [] as { text: string; type: string; name: string }[]);
vi.mock('../ui/download', () => ({
  downloadText: (text: string, type: string, name: string) => downloads.push({ text, type, name }),
}));

interface Host {
  readonly host: string;
  readonly rate?: number;
  readonly callers: number;
}

const HOSTS: readonly Host[] = [
  { host: 'api.stripe.com', rate: 2, callers: 1 },
  { host: 'pastebin.com', rate: 0.5, callers: 3 },
  { host: 'httpbin.org', callers: 2 },
  { host: 'api.ipify.org', rate: 4, callers: 1 },
];

const COLUMNS: readonly TableColumn<Host>[] = [
  { id: 'host', label: 'Host', sortValue: (h) => h.host, cell: (h) => h.host },
  { id: 'rate', label: 'Rate', numeric: true, sortValue: (h) => h.rate, firstDirection: 'descending', cell: (h) => (h.rate === undefined ? '–' : String(h.rate)) },
  { id: 'callers', label: 'Callers', short: 'Calls', numeric: true, sortValue: (h) => h.callers, firstDirection: 'descending', cell: (h) => String(h.callers) },
  { id: 'actions', label: 'Actions', hideLabel: true, cell: (h) => <a href={`#${h.host}`}>Open</a> },
];

/** A table whose sort lives in the harness (as a page's URL would hold it). */
function Harness(props: Partial<DataTableProps<Host>> & { readonly initial?: TableSort }) {
  const [sort, setSort] = useState<TableSort>(props.initial ?? { column: 'rate', direction: 'descending' });
  return (
    <DataTable
      label="External hosts"
      rows={HOSTS}
      columns={COLUMNS}
      rowKey={(h) => h.host}
      searchText={(h) => h.host}
      sort={sort}
      onSort={setSort}
      filter={{ label: 'Filter', placeholder: 'host' }}
      noun="hosts"
      emptyText={{ none: 'No hosts.', filtered: 'No hosts match the filter.' }}
      exports={{ name: 'external-hosts', csv: (rows) => rows.map((h) => h.host).join('\n'), json: (rows) => ({ hosts: rows }) }}
      {...props}
    />
  );
}

afterEach(() => {
  cleanup();
  downloads.length = 0;
});

function bodyRows(): HTMLElement[] {
  const [, body] = within(screen.getByRole('table', { name: 'External hosts' })).getAllByRole('rowgroup');
  return body ? within(body).getAllByRole('row') : [];
}
const hosts = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0]?.textContent);
const sortOf = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) }).getAttribute('aria-sort');

describe('DataTable', () => {
  it('puts aria-sort on the sorted column only, and moves it with clicks and keys on the headers', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect([sortOf('Host'), sortOf('Rate'), sortOf('Callers')]).toEqual([null, 'descending', null]);
    expect(hosts()).toEqual(['api.ipify.org', 'api.stripe.com', 'pastebin.com', 'httpbin.org']);

    await user.click(screen.getByRole('button', { name: 'Host' }));
    expect([sortOf('Host'), sortOf('Rate')]).toEqual(['ascending', null]);
    expect(hosts()).toEqual(['api.ipify.org', 'api.stripe.com', 'httpbin.org', 'pastebin.com']);

    // The header buttons answer Enter and Space like a click.
    screen.getByRole('button', { name: 'Host' }).focus();
    await user.keyboard('{Enter}');
    expect(sortOf('Host')).toBe('descending');
    expect(hosts()).toEqual(['pastebin.com', 'httpbin.org', 'api.stripe.com', 'api.ipify.org']);
    screen.getByRole('button', { name: 'Callers' }).focus();
    await user.keyboard(' ');
    expect([sortOf('Host'), sortOf('Callers')]).toEqual([null, 'descending']);
    expect(hosts()).toEqual(['pastebin.com', 'httpbin.org', 'api.stripe.com', 'api.ipify.org']);
    // A column that does not sort has no button and no aria-sort.
    expect(within(screen.getByRole('columnheader', { name: 'Actions' })).queryByRole('button')).toBeNull();
  });

  it('exports exactly the rows shown, in the order shown', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ column: 'host', direction: 'descending' }} />);
    await user.type(screen.getByLabelText('Filter'), 'API');
    expect(hosts()).toEqual(['api.stripe.com', 'api.ipify.org']);
    expect(screen.getByRole('status').textContent).toBe('2 of 4 hosts');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(downloads).toEqual([
      { text: 'api.stripe.com\napi.ipify.org', type: 'text/csv', name: 'external-hosts.csv' },
      { text: JSON.stringify({ hosts: [HOSTS[0], HOSTS[3]] }, null, 2), type: 'application/json', name: 'external-hosts.json' },
    ]);
  });

  it('moves one tab stop through the rows with the arrow keys, Home and End', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    const rows = bodyRows();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1]);
    // Not selectable: no aria-selected, and Enter does nothing.
    expect(rows[0]?.hasAttribute('aria-selected')).toBe(false);

    rows[0]?.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(rows[2]);
    expect(rows.map((r) => r.tabIndex)).toEqual([-1, -1, 0, -1]);
    await user.keyboard('{End}{ArrowDown}');
    expect(document.activeElement).toBe(rows[3]);
    await user.keyboard('{Home}{ArrowUp}');
    expect(document.activeElement).toBe(rows[0]);
    await user.keyboard('{Enter}');
    expect(onSelect).not.toHaveBeenCalled();

    // Tab leaves the rows for the links in them (one stop for the whole body).
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Open');
    expect(document.activeElement?.closest('tr')).toBe(rows[0]);
  });

  it('keeps the tab stop on the focused row when the sort moves it, and on the first row when the filter hides it', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    bodyRows()[1]?.focus(); // api.stripe.com
    await user.click(screen.getByRole('button', { name: 'Host' }));
    expect(hosts()[1]).toBe('api.stripe.com');
    expect(bodyRows().map((r) => r.tabIndex)).toEqual([-1, 0, -1, -1]);
    await user.type(screen.getByLabelText('Filter'), 'bin');
    expect(bodyRows().map((r) => r.tabIndex)).toEqual([0, -1]);
  });

  it('settles after rendering: no state update feeds back into another render', async () => {
    let commits = 0;
    render(
      <Profiler id="table" onRender={() => commits++}>
        <Harness />
      </Profiler>,
    );
    // Let queued microtasks and timers run: a table that updates its own state on every render would keep committing.
    for (let i = 0; i < 20; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(commits).toBeLessThanOrEqual(2);
    const settled = commits;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Host' }));
    for (let i = 0; i < 20; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(commits - settled).toBeLessThanOrEqual(2);
  });

  it('says when nothing matches, and when there is nothing at all', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.type(screen.getByLabelText('Filter'), 'nothing-matches');
    expect(screen.getByText('No hosts match the filter.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('0 of 4 hosts');
    cleanup();
    render(<Harness rows={[]} />);
    expect(screen.getByText('No hosts.')).toBeTruthy();
    cleanup();
    render(<Harness rows={undefined} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
