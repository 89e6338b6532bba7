import { App } from 'antd';
import { RequireAuth } from '../session/RequireAuth';
import { StaffLayout } from './StaffLayout';

/**
 * Everything staff-only, loaded as one lazy chunk so citizens never download it. antd's <App>
 * (message, modal, notification) lives here too: the public pages do not use it.
 */
export default function StaffShell() {
  return (
    <App component={false}>
      <RequireAuth>
        <StaffLayout />
      </RequireAuth>
    </App>
  );
}
