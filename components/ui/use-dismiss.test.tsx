// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type KeyboardEvent } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDismiss, useDismissibleDetails } from './use-dismiss';

afterEach(cleanup);

function Popover({ name, outsideClick }: { name: string; outsideClick?: boolean }) {
  const ref = useDismissibleDetails({ outsideClick });
  return (
    <details ref={ref} data-testid={name}>
      <summary>{name}</summary>
      <label>
        <input type="checkbox" /> {name} option
      </label>
    </details>
  );
}

function Panel() {
  const [open, setOpen] = useState(true);
  useDismiss({ open, onDismiss: () => setOpen(false) });
  return open ? <aside aria-label="Details">panel</aside> : <p>closed</p>;
}

/** A widget that uses Esc itself (as the graph canvas does). */
function EscWidget() {
  const [used, setUsed] = useState(0);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setUsed((n) => n + 1);
    }
  };
  return (
    <div role="application" tabIndex={0} aria-label="widget" onKeyDown={onKeyDown}>
      used {used}
    </div>
  );
}

const details = (name: string) => screen.getByTestId(name) as HTMLDetailsElement;

async function openByKeyboard(user: ReturnType<typeof userEvent.setup>, name: string) {
  screen.getByText(name, { selector: 'summary' }).focus();
  await user.keyboard('{Enter}');
  if (!details(name).open) details(name).open = true; // jsdom without summary activation
  // The toggle event is queued as a task.
  await new Promise((r) => setTimeout(r, 0));
  expect(details(name).open).toBe(true);
}

describe('useDismissibleDetails', () => {
  it('Esc closes an open popover and leaves focus on its summary', async () => {
    const user = userEvent.setup();
    render(<Popover name="Help" />);
    await openByKeyboard(user, 'Help');
    screen.getByRole('checkbox').focus();
    await user.keyboard('{Escape}');
    expect(details('Help').open).toBe(false);
    expect(document.activeElement).toBe(screen.getByText('Help', { selector: 'summary' }));
  });

  it('a press outside closes a popover that asks for it; a press inside does not', async () => {
    const user = userEvent.setup();
    render(
      <>
        <p>elsewhere</p>
        <Popover name="Namespaces" outsideClick />
      </>,
    );
    await openByKeyboard(user, 'Namespaces');
    fireEvent.pointerDown(screen.getByRole('checkbox'));
    expect(details('Namespaces').open).toBe(true);
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(details('Namespaces').open).toBe(false);
  });

  it('a press outside closes a popover just opened, before its toggle event has run', () => {
    render(
      <>
        <p>elsewhere</p>
        <Popover name="Namespaces" outsideClick />
      </>,
    );
    // Opened and pressed in the same task: no toggle event, no render in between.
    details('Namespaces').open = true;
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(details('Namespaces').open).toBe(false);
  });

  it('Esc right after opening closes the popover only, not the panel beneath', async () => {
    const user = userEvent.setup();
    render(
      <>
        <Panel />
        <Popover name="Help" />
      </>,
    );
    details('Help').open = true;
    screen.getByText('Help', { selector: 'summary' }).focus();
    await user.keyboard('{Escape}');
    expect(details('Help').open).toBe(false);
    expect(screen.getByRole('complementary', { name: 'Details' })).toBeTruthy();
  });

  it('a popover without outsideClick stays open on a press outside', async () => {
    const user = userEvent.setup();
    render(
      <>
        <p>elsewhere</p>
        <Popover name="Help" />
      </>,
    );
    await openByKeyboard(user, 'Help');
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(details('Help').open).toBe(true);
  });
});

describe('useDismiss', () => {
  it('one Esc closes only the layer opened last: the popover, then the details panel', async () => {
    const user = userEvent.setup();
    render(
      <>
        <Panel />
        <Popover name="Namespaces" outsideClick />
      </>,
    );
    await openByKeyboard(user, 'Namespaces');
    await user.keyboard('{Escape}');
    expect(details('Namespaces').open).toBe(false);
    expect(screen.getByRole('complementary', { name: 'Details' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Details' })).toBeNull();
    expect(screen.getByText('closed')).toBeTruthy();
  });

  it('leaves Esc to a focused widget that used it', async () => {
    const user = userEvent.setup();
    render(
      <>
        <Panel />
        <EscWidget />
      </>,
    );
    screen.getByRole('application').focus();
    await user.keyboard('{Escape}');
    expect(screen.getByText('used 1')).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Details' })).toBeTruthy();
  });
});
