// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../queries';
import { BackendError, DataWarnings } from './backend-state';

afterEach(cleanup);

describe('BackendError', () => {
  it("says what failed once, quotes the backend's words as text, says what to check and what is still on screen", () => {
    const error = new ApiRequestError(502, 'prometheus-bad-query', 'Prometheus refused the query: <img src=x onerror=alert(1)> too many samples', 'Try a shorter window.');
    const { container } = render(<BackendError error={error} keptSince={Date.UTC(2026, 0, 1, 10, 0, 0)} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toMatch(/^Prometheus refused the query: <img src=x onerror=alert\(1\)> too many samples/);
    expect(banner.textContent?.match(/Prometheus refused the query/g)).toHaveLength(1);
    expect(container.querySelector('img')).toBeNull();
    expect(banner.textContent).toContain('Try a shorter window.');
    expect(banner.textContent).toMatch(/Showing the data from .*Retrying every 5 s\./);
  });

  it('falls back to the hint per code, and calls any other error a server that is not answering', () => {
    render(<BackendError error={new TypeError('Failed to fetch')} />);
    const text = screen.getByRole('alert').textContent;
    expect(text).toContain('The Egress Lens server is not answering. Failed to fetch');
    expect(text).toContain('Check that the Egress Lens server is running');
    expect(text).not.toContain('Showing');
  });
});

describe('DataWarnings', () => {
  it('says the data may be incomplete for backend warnings, as text, and shows nothing without warnings', () => {
    const { container, rerender } = render(<DataWarnings warnings={['Prometheus: partial response: store <b>eu</b> down', 'a note']} />);
    expect(screen.getByRole('status', { name: 'Warnings' }).textContent).toContain('Data may be incomplete: partial response: store <b>eu</b> down');
    expect(screen.getByText('a note')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    rerender(<DataWarnings warnings={[]} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
