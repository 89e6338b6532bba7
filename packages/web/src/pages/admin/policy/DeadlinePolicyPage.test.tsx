// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { CASE_TYPES } from '@openline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PolicyAnswer } from '../../../api/settings';
import { renderScreen, serverGet, useRealServer } from '../../../test/server';
import DeadlinePolicyPage from './DeadlinePolicyPage';

const POLICY_PATH = '/api/v1/admin/deadline-policy';

/** The table's amount inputs in order (accept, contact, resolve of each row), once the policy has loaded. */
async function amountInputs(): Promise<HTMLInputElement[]> {
  const table = await screen.findByTestId('policy-table');
  // A CSS query rather than getByRole: computing accessible names over antd's table is slow in jsdom.
  return [...table.querySelectorAll<HTMLInputElement>('input[role="spinbutton"]')];
}

const saveButton = () => screen.getByTestId('policy-save') as HTMLButtonElement;

function type(input: HTMLInputElement, value: string): void {
  fireEvent.change(input, { target: { value } });
}

beforeEach(() => {
  useRealServer();
});

// Issue 12 §8: on 办理时限 an edit snapped back to the server's value and Save reported success
// for the unchanged policy. The page runs here against the real server and database.
describe('deadline policy page (办理时限)', () => {
  it('keeps an edit while the server copy is refetched, saves exactly it, and shows the saved value after a reload', async () => {
    const before = await serverGet<PolicyAnswer>(POLICY_PATH);
    const { queryClient, unmount } = await renderScreen(<DeadlinePolicyPage />);
    const [first] = await amountInputs();
    if (!first) throw new Error('no amount input');
    const original = Number(first.value);
    const edited = original + 7;

    type(first, String(edited));
    expect(first.value).toBe(String(edited));
    // A refetch of the server's copy (another tab saved, the window regained focus) must not
    // overwrite the draft: this is what made edits snap back.
    await act(() => queryClient.invalidateQueries());
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    const [afterRefetch] = await amountInputs();
    expect(afterRefetch?.value).toBe(String(edited));

    expect(saveButton().disabled).toBe(false);
    fireEvent.click(saveButton());
    // Saved: the draft is dropped and the page shows the server's answer, so Save has nothing left to send.
    await waitFor(() => expect(saveButton().disabled).toBe(true));

    const after = await serverGet<PolicyAnswer>(POLICY_PATH);
    const firstType = CASE_TYPES[0]; // the table's first row
    expect(after.policy.byType[firstType].normal.accept.amount).toBe(edited);
    expect(after.isDefault).toBe(false);
    // Only the edited span changed.
    expect({ ...after.policy, byType: { ...after.policy.byType, [firstType]: before.policy.byType[firstType] } }).toEqual(before.policy);

    // A fresh visit shows the saved value, and no longer says the defaults apply.
    unmount();
    await renderScreen(<DeadlinePolicyPage />);
    const [reloaded] = await amountInputs();
    expect(reloaded?.value).toBe(String(edited));
    expect(screen.queryByText('当前使用系统默认时限。')).toBeNull();
  });

  it('refuses to save an emptied span and says why', async () => {
    await renderScreen(<DeadlinePolicyPage />);
    const [first] = await amountInputs();
    if (!first) throw new Error('no amount input');
    type(first, '');
    expect(await screen.findByText('时限须为大于 0 的整数')).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
  });

  it('offers Save only once something was edited', async () => {
    await renderScreen(<DeadlinePolicyPage />);
    const inputs = await amountInputs();
    expect(saveButton().disabled).toBe(true);
    const last = inputs.at(-1);
    if (!last) throw new Error('no amount input');
    type(last, String(Number(last.value) + 1));
    expect(saveButton().disabled).toBe(false);
  });
});
