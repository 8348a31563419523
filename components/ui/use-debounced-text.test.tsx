// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TextFilter } from './text-filter';
import { TEXT_DEBOUNCE_MS } from './use-debounced-text';

/**
 * A page whose URL is updated like Next's router does it: some time after the
 * commit (`echoMs`), and in order. `navigate` is back/forward or a link.
 */
function Page({ echoMs, onUrl }: { echoMs: number; onUrl: (q: string, navigate: (q: string) => void) => void }) {
  const [url, setUrl] = useState('');
  onUrl(url, setUrl);
  return <TextFilter label="Find" value={url} placeholder="workload or host" onCommit={(q) => setTimeout(() => setUrl(q), echoMs)} />;
}

function renderPage(echoMs: number) {
  const state = { url: '', navigate: (_q: string) => {} };
  render(<Page echoMs={echoMs} onUrl={(q, navigate) => Object.assign(state, { url: q, navigate })} />);
  return state;
}

/** Types `text` one key every `perKeyMs`, as a user does, checking the box after every key. */
function typeSlowly(text: string, perKeyMs: number) {
  const box = screen.getByLabelText('Find') as HTMLInputElement;
  for (let i = 1; i <= text.length; i++) {
    fireEvent.change(box, { target: { value: text.slice(0, i) } });
    act(() => vi.advanceTimersByTime(perKeyMs));
    expect(box.value).toBe(text.slice(0, i));
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a text filter whose value lives in the URL', () => {
  it('keeps every keystroke and writes the URL once typing pauses', () => {
    const page = renderPage(50);
    typeSlowly('checkout', 40);
    expect(page.url).toBe('');
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS + 50));
    expect(page.url).toBe('checkout');
    expect((screen.getByLabelText('Find') as HTMLInputElement).value).toBe('checkout');
  });

  it('never takes back a late echo of its own earlier text while the user types on', () => {
    // Pauses longer than the debounce between keys, and a router slower than a keystroke: every echo arrives mid-typing.
    const page = renderPage(TEXT_DEBOUNCE_MS + 200);
    typeSlowly('checkout', TEXT_DEBOUNCE_MS + 10);
    act(() => vi.advanceTimersByTime(5 * TEXT_DEBOUNCE_MS));
    expect(page.url).toBe('checkout');
    expect((screen.getByLabelText('Find') as HTMLInputElement).value).toBe('checkout');
  });

  it('follows back and forward: a URL it did not write comes into the box', () => {
    const page = renderPage(10);
    typeSlowly('pastebin', 30);
    act(() => vi.advanceTimersByTime(TEXT_DEBOUNCE_MS + 20));
    act(() => page.navigate('ipify'));
    expect((screen.getByLabelText('Find') as HTMLInputElement).value).toBe('ipify');
    act(() => page.navigate(''));
    expect((screen.getByLabelText('Find') as HTMLInputElement).value).toBe('');
  });

  it('lets navigation win over text not yet written, and does not write it afterwards', () => {
    const page = renderPage(10);
    typeSlowly('chec', 30);
    act(() => page.navigate('ipify'));
    act(() => vi.advanceTimersByTime(5 * TEXT_DEBOUNCE_MS));
    expect(page.url).toBe('ipify');
    expect((screen.getByLabelText('Find') as HTMLInputElement).value).toBe('ipify');
  });

  it('writes at once on Enter', () => {
    const page = renderPage(0);
    const box = screen.getByLabelText('Find');
    fireEvent.change(box, { target: { value: 'stripe' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    act(() => vi.advanceTimersByTime(1));
    expect(page.url).toBe('stripe');
  });
});
