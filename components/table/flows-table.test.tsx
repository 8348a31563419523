// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EgressFlow } from '../api-types';
import { flowKey } from './flow-rows';
import { FlowsTable } from './flows-table';

const HOSTILE = '<img src=x onerror=alert(1)>.evil.test';

const FLOWS: readonly EgressFlow[] = [
  {
    source: { namespace: 'shop', workload: 'checkout-v1' },
    destination: { host: 'httpbin.org', status: 'passthrough', ports: [8080] },
    protocol: 'http', dataPlane: 'sidecar',
    requestsPerSecond: 0.8,
    responses: { '200': 0.76, '503': 0.04 },
  },
  { source: { namespace: 'shop', workload: 'cart' }, destination: { host: 'api.stripe.com', status: 'registered' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 2.5, responses: { '200': 2.5 } },
  { source: { namespace: 'data', workload: 'cdc-connector' }, destination: { host: null, status: 'blocked' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.46, responseFlags: { UH: 0.46 } },
  { source: { namespace: 'web', workload: 'frontend' }, destination: { host: HOSTILE, status: 'passthrough' }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 0.1, responses: { '200': 0.1 } },
  {
    source: { namespace: 'shop', workload: 'payments' },
    destination: { host: null, status: 'registered' },
    via: { namespace: 'istio-system', workload: 'istio-egressgateway' },
    protocol: 'tcp', dataPlane: 'sidecar',
    connectionsPerSecond: 0.3,
    bytesPerSecond: 4096,
  },
];

afterEach(cleanup);

function bodyRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Egress flows' });
  const [, body] = within(table).getAllByRole('rowgroup');
  return body ? within(body).getAllByRole('row') : [];
}

const sources = () => bodyRows().map((r) => within(r).getAllByRole('cell')[0]?.textContent);

describe('FlowsTable', () => {
  it('renders every flow in the default order, with status and destination text', () => {
    render(<FlowsTable flows={FLOWS} />);
    const rows = bodyRows();
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.dataset.status)).toEqual(['blocked', 'passthrough', 'passthrough', 'registered', 'registered']);
    expect(sources()).toEqual(['data/cdc-connector', 'shop/checkout-v1', 'web/frontend', 'shop/cart', 'shop/payments']);
    expect(screen.getByText('TCP (no host in metrics)')).toBeTruthy();
    expect(screen.getByText('httpbin.org (port 8080)')).toBeTruthy();
    expect(screen.getByText('via istio-system/istio-egressgateway')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('5%')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('5 of 5 flows');
    expect(screen.getByRole('columnheader', { name: /Status/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts by Requests/s both ways, missing values last', async () => {
    const user = userEvent.setup();
    render(<FlowsTable flows={FLOWS} />);
    const header = screen.getByRole('columnheader', { name: /Requests\/s/ });
    expect(header.getAttribute('aria-sort')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Requests/s' }));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('columnheader', { name: /Status/ }).getAttribute('aria-sort')).toBeNull();
    expect(sources()).toEqual(['shop/cart', 'shop/checkout-v1', 'web/frontend', 'data/cdc-connector', 'shop/payments']);

    await user.click(screen.getByRole('button', { name: 'Requests/s' }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(sources()).toEqual(['web/frontend', 'shop/checkout-v1', 'shop/cart', 'data/cdc-connector', 'shop/payments']);
  });

  it('narrows rows with the filter box and the external filter, and shows "N of M flows"', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<FlowsTable flows={FLOWS} />);
    await user.type(screen.getByLabelText('Filter flows'), 'SHOP');
    expect(bodyRows()).toHaveLength(3);
    expect(screen.getByText('3 of 5 flows')).toBeTruthy();

    rerender(<FlowsTable flows={FLOWS} filter="registered" />);
    expect(sources()).toEqual(['shop/cart', 'shop/payments']);
    expect(screen.getByText('2 of 5 flows')).toBeTruthy();

    await user.clear(screen.getByLabelText('Filter flows'));
    await user.type(screen.getByLabelText('Filter flows'), 'nothing-matches');
    expect(screen.getByText('0 of 5 flows')).toBeTruthy();
    expect(screen.getByText('No flows match the filter.')).toBeTruthy();
  });

  it('moves a roving tab stop with the arrow keys, Home and End, and selects with Enter or Space', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    function Harness() {
      const [selected, setSelected] = useState<string | null>(null);
      return (
        <FlowsTable
          flows={FLOWS}
          selectedKey={selected}
          onSelect={(k) => {
            onSelect(k);
            setSelected(k);
          }}
        />
      );
    }
    render(<Harness />);
    const rows = bodyRows();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);

    await user.tab(); // the filter box
    await user.tab(); // first sort button
    for (let i = 0; i < 8; i++) await user.tab(); // through the sort buttons to the rows
    expect(document.activeElement).toBe(rows[0]);

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[1]);
    expect(rows.map((r) => r.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(flowKey(FLOWS[0] as EgressFlow));
    expect(rows[1]?.getAttribute('aria-selected')).toBe('true');
    expect(rows[0]?.getAttribute('aria-selected')).toBe('false');

    await user.keyboard('{End}');
    expect(document.activeElement).toBe(rows[4]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rows[4]);
    await user.keyboard('{Home}{ArrowUp}');
    expect(document.activeElement).toBe(rows[0]);
    await user.keyboard(' ');
    expect(onSelect).toHaveBeenLastCalledWith(flowKey(FLOWS[2] as EgressFlow));
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('gives the tab stop to an externally selected row', () => {
    const key = flowKey(FLOWS[1] as EgressFlow);
    render(<FlowsTable flows={FLOWS} selectedKey={key} />);
    const selected = bodyRows().filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]?.tabIndex).toBe(0);
    expect(sources()[bodyRows().indexOf(selected[0] as HTMLElement)]).toBe('shop/cart');
  });

  it('renders a hostile Host header as text, truncated with the full value in title', () => {
    const { container } = render(<FlowsTable flows={FLOWS} />);
    const cell = screen.getByText(HOSTILE);
    expect(cell.textContent).toBe(HOSTILE);
    expect(cell.getAttribute('title')).toBe(HOSTILE);
    expect(cell.className).toContain('truncate');
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('FlowsTable with several clusters', () => {
  it('shows a Cluster column only when the flows come from several clusters', () => {
    const flows = FLOWS.slice(0, 2).flatMap((f) => ['east', 'west'].map((cluster) => ({ ...f, source: { ...f.source, cluster } })));
    render(<FlowsTable flows={flows} clusters />);
    expect(screen.getByRole('columnheader', { name: /Cluster/ })).toBeTruthy();
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[0]!.textContent).sort()).toEqual(['east', 'east', 'west', 'west']);
    cleanup();
    render(<FlowsTable flows={FLOWS} />);
    expect(screen.queryByRole('columnheader', { name: /Cluster/ })).toBeNull();
  });
});
