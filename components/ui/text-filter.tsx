'use client';

import { useId } from 'react';
import { CONTROL } from './page-controls';
import { useDebouncedText } from './use-debounced-text';

export interface TextFilterProps {
  /** The visible label ("Find", "Filter"). */
  readonly label: string;
  /** The value in the URL. */
  readonly value: string;
  /** Writes the text to the URL (called after typing pauses, or on Enter). */
  readonly onCommit: (text: string) => void;
  readonly placeholder: string;
  readonly maxLength?: number;
  /** Width class of the box. */
  readonly width?: string;
  /** How long typing pauses before `onCommit` (0: every keystroke, for text kept in React state). */
  readonly delayMs?: number;
}

/**
 * Every text filter of the app (graph Find, the tables' Filter):
 * typing stays in the box and reaches the URL after a short pause; back and
 * forward bring the URL's text back (useDebouncedText).
 */
export function TextFilter({ label, value, onCommit, placeholder, maxLength = 200, width = 'w-44 sm:w-60', delayMs }: TextFilterProps) {
  const id = useId();
  const [text, type, flush] = useDebouncedText(value, onCommit, delayMs);
  return (
    <span className="flex min-w-0 items-center gap-1">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        className={`${CONTROL} ${width} min-w-0`}
        value={text}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => type(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') flush();
        }}
      />
    </span>
  );
}
