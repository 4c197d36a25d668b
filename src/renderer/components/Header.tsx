import { RepoPicker } from './RepoPicker';

export function Header() {
  return (
    <header className="app-header">
      <h1 className="app-title">Switchyard</h1>
      <RepoPicker />
    </header>
  );
}
