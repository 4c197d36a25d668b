import { CodexBadge } from './CodexBadge';
import { CommitButton } from './commit/CommitButton';
import { ConnectionSwitcher } from './connections/ConnectionSwitcher';
import { DesktopNotificationsButton } from './DesktopNotificationsButton';
import { HeaderAlerts } from './HeaderAlerts';
import { MapBesideToggle } from './map/MapBesideToggle';
import { MapToggle } from './map/MapToggle';
import { MessagesButton } from './messages/MessagesButton';
import { MetricsToggle } from './metrics/MetricsToggle';
import { RepoPicker } from './RepoPicker';
import { SettingsButton } from './SettingsButton';

export function Header() {
  return (
    <header className="app-header">
      <h1 className="app-title">Switchyard</h1>
      <ConnectionSwitcher />
      <RepoPicker />
      <div className="header-actions">
        <CodexBadge />
        <MapToggle />
        <MapBesideToggle />
        <MessagesButton thread="all" name="Messages of all agents" />
        <MetricsToggle />
        <CommitButton />
        <DesktopNotificationsButton />
        <SettingsButton />
      </div>
      <HeaderAlerts />
    </header>
  );
}
