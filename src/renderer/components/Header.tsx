import { DesktopNotificationsButton } from './DesktopNotificationsButton';
import { RepoPicker } from './RepoPicker';
import { SettingsButton } from './SettingsButton';

export function Header() {
  return (
    <header className="app-header">
      <h1 className="app-title">Switchyard</h1>
      <RepoPicker />
      <div className="header-actions">
        <DesktopNotificationsButton />
        <SettingsButton />
      </div>
    </header>
  );
}
