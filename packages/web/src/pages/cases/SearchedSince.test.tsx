// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import { BeforeTag, SearchedSinceNotice } from './SearchedSince';

beforeAll(() => initI18n());
afterEach(cleanup);

// ADR 0062: a page that ended at its window says since when it searched (Beijing time) and offers
// the earlier cases; the limit that set is a tag that can be removed.
describe('searched-since notice (仅查找了…以来受理的工单)', () => {
  it('names the instant in Beijing time and asks for the earlier cases', () => {
    const onSearchEarlier = vi.fn();
    render(<SearchedSinceNotice since="2026-11-06T01:02:03.000Z" onSearchEarlier={onSearchEarlier} />);
    expect(screen.getByTestId('cases-searched-since').textContent).toContain('2026-11-06 09:02');
    fireEvent.click(screen.getByTestId('cases-search-earlier'));
    expect(onSearchEarlier).toHaveBeenCalledOnce();
  });

  it('shows the "received before" limit as a removable tag', () => {
    const onRemove = vi.fn();
    render(<BeforeTag before="2026-11-06T01:02:03.000Z" onRemove={onRemove} />);
    expect(screen.getByTestId('cases-before-tag').textContent).toContain('受理时间早于 2026-11-06 09:02');
    fireEvent.click(screen.getByLabelText('取消时间限制'));
    expect(onRemove).toHaveBeenCalledOnce();
  });
});
