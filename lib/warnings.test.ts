import { describe, expect, it } from 'vitest';
import { BACKEND_WARNING_PREFIX, backendWarnings, presentWarnings } from './warnings';

describe('backendWarnings', () => {
  it('marks the warnings of every answer, each once, in order', () => {
    expect(backendWarnings({ warnings: ['partial response: store a down', 'x'] }, { warnings: [] }, { warnings: ['x', 'PromQL info: y'] })).toEqual([
      'Prometheus: partial response: store a down',
      'Prometheus: x',
      'Prometheus: PromQL info: y',
    ]);
    expect(backendWarnings()).toEqual([]);
  });
});

describe('presentWarnings', () => {
  it('says the data may be incomplete for backend warnings, first, and keeps the app\'s own notes as they are', () => {
    expect(presentWarnings(['shop: 12 hosts not listed', `${BACKEND_WARNING_PREFIX}partial response: store <b>eu</b> down`, 'shop: 12 hosts not listed'])).toEqual([
      { text: 'Data may be incomplete: partial response: store <b>eu</b> down', fromBackend: true },
      { text: 'shop: 12 hosts not listed', fromBackend: false },
    ]);
  });

  it('shows nothing without warnings', () => {
    expect(presentWarnings(undefined)).toEqual([]);
    expect(presentWarnings([])).toEqual([]);
  });
});
