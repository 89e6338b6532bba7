// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RankingWeightsAnswer } from '../../../api/reports';
import { renderScreen, serverGet, useRealServer } from '../../../test/server';
import RankingWeightsPage from './RankingWeightsPage';

const WEIGHTS_PATH = '/api/v1/admin/ranking-weights';

async function weightInput(key: 'response' | 'resolution' | 'satisfaction'): Promise<HTMLInputElement> {
  const found = await screen.findByTestId(`ranking-weight-${key}`);
  const input = found instanceof HTMLInputElement ? found : found.querySelector('input');
  if (!input) throw new Error(`no input for ${key}`);
  return input;
}

beforeEach(() => {
  useRealServer();
});

// The page moved from a copy-into-state effect to a draft beside the query (issue 12 §9): an
// edit must survive a refetch, Save must send it, and "restore defaults" must save the defaults.
describe('ranking weights page (排名权重)', () => {
  it('keeps an edit through a refetch, saves it, then restores the defaults', async () => {
    const before = await serverGet<RankingWeightsAnswer>(WEIGHTS_PATH);
    const { queryClient } = await renderScreen(<RankingWeightsPage />);
    const response = await weightInput('response');
    const edited = before.settings.weights.response + 5;

    fireEvent.change(response, { target: { value: String(edited) } });
    await act(() => queryClient.invalidateQueries());
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect((await weightInput('response')).value).toBe(String(edited));

    fireEvent.click(screen.getByTestId('ranking-weights-save'));
    await screen.findByText('已保存排名权重');
    const saved = await serverGet<RankingWeightsAnswer>(WEIGHTS_PATH);
    expect(saved.settings).toEqual({ ...before.settings, weights: { ...before.settings.weights, response: edited } });

    fireEvent.click(screen.getByTestId('ranking-weights-defaults'));
    await waitFor(async () => expect((await serverGet<RankingWeightsAnswer>(WEIGHTS_PATH)).settings).toEqual(before.defaults));
    await waitFor(async () => expect((await weightInput('response')).value).toBe(String(before.defaults.weights.response)));
  });
});
