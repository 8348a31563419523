// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FullValue, LabelText } from './label-text';

afterEach(cleanup);

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('LabelText', () => {
  it('renders markup as text inside a <bdi>, with the whole value in title', () => {
    const host = '<img src=x onerror=alert(1)><script>alert(1)</script>.evil.test';
    const { container } = render(<LabelText value={host} className="block truncate" />);
    const el = screen.getByText(host);
    expect(el.tagName).toBe('BDI');
    expect(el.getAttribute('title')).toBe(host);
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('shows control characters as symbols and escapes bidi overrides, in the text and the title', () => {
    const { container } = render(<LabelText value={'tab\there-bel\u0007-esc\u001b[31m-\r\n-invoice-\u202egnp.exe'} />);
    const el = container.querySelector('bdi')!;
    expect(el.textContent).toBe('tab\\there-bel\\u0007-esc\\u001b[31m-\\r\\n-invoice-\\u202egnp.exe');
    expect(el.textContent).not.toMatch(RAW);
    expect(el.getAttribute('title')).not.toMatch(RAW);
  });

  it('cuts in the middle to `max`, keeping the whole value in title', () => {
    const host = `${'a'.repeat(5000)}.bank.example.com.evil.test`;
    const { container } = render(<LabelText value={host} max={40} />);
    const el = container.querySelector('bdi')!;
    expect(el.textContent).toHaveLength(40);
    expect(el.textContent).toMatch(/^a+….*evil\.test$/);
    expect(el.getAttribute('title')).toBe(host);
  });
});

describe('FullValue', () => {
  it('shows the whole value made visible, and copies the exact value', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const host = 'esc\u001b[31m.' + 'x'.repeat(10_000);
    render(<FullValue value={host} label="Host" />);
    expect(screen.getByTestId('full-value').textContent).toBe(`esc\\u001b[31m.${'x'.repeat(10_000)}`);
    expect(screen.getByRole('region', { name: 'Full host' }).textContent).toContain('10,009 characters');
    await userEvent.click(screen.getByRole('button', { name: 'Copy exact host' }));
    expect(writeText).toHaveBeenCalledWith(host);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});
