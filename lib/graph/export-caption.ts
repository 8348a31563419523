/** The caption an exported graph image carries, so a PNG pasted into a ticket says what it shows. */
import { displayLabel, formatTimestamp, type TimestampOptions } from '../format';

export interface ExportCaptionInput {
  /** The graph's window ("1h"). */
  readonly window: string;
  /** The end of the window (ISO 8601, as /api/graph gives it). */
  readonly end: string;
  readonly status: string;
  readonly namespaces: readonly string[];
  readonly find: string;
  /** Full name of the selected node or edge, when the picture dims the rest around it. */
  readonly selected?: string;
}

/** Longest filter value a caption repeats. */
const VALUE_MAX = 60;

/**
 * Caption lines of a graph export: the window and its end time with the zone
 * (formatTimestamp, the one time formatter), and every filter in effect
 * (values made safe and short with displayLabel).
 */
export function exportCaption(input: ExportCaptionInput, time: TimestampOptions = {}): string[] {
  const filters: string[] = [];
  if (input.status !== 'all') filters.push(`status ${input.status}`);
  if (input.namespaces.length > 0) filters.push(`namespace${input.namespaces.length > 1 ? 's' : ''} ${input.namespaces.map((n) => displayLabel(n, VALUE_MAX)).join(', ')}`);
  const find = input.find.trim();
  if (find) filters.push(`find "${displayLabel(find, VALUE_MAX)}" (highlighted)`);
  if (input.selected) filters.push(`selected ${displayLabel(input.selected, 2 * VALUE_MAX)} (the rest dimmed)`);
  return [
    `Egress Lens: egress graph, window ${input.window} ending ${formatTimestamp(input.end, time)}`,
    `Filters: ${filters.length > 0 ? filters.join(' · ') : 'none (all statuses, all namespaces)'}`,
  ];
}
