// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderScreen, useRealServer } from '../test/server';
import { useSession, type Session } from './context';

/** Hands the live session to the test, as any screen sees it. */
function Probe({ onSession }: { onSession: (session: Session) => void }) {
  const session = useSession();
  useEffect(() => {
    onSession(session);
  });
  return <span data-testid="probe">{session.state.status}</span>;
}

beforeEach(() => {
  useRealServer();
});

// The query cache outlives screens; lists are scoped to the user who asked. A change of user in
// the same tab must not show the next user the last one's answers.
describe('session and the query cache', () => {
  it('drops every cached answer when the session expires', async () => {
    let session: Session | null = null;
    const { queryClient } = await renderScreen(<Probe
        onSession={(s) => {
          session = s;
        }}
      />);
    await screen.findByTestId('probe');
    // The probe's DOM can be committed before its effect has run (the server's answer arrives
    // outside act): without this wait, a loaded machine left `session` null and expired nothing.
    await waitFor(() => expect(session).not.toBeNull());
    queryClient.setQueryData(['cases', 'list', { page: 1 }], { items: [{ id: 'of-the-last-user' }], total: 1 });
    expect(queryClient.getQueryCache().getAll()).toHaveLength(1);

    act(() => session?.expire());
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });
});
