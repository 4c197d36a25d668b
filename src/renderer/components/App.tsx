import { AgentSidebar } from './AgentSidebar';
import { ConnectionBanner } from './ConnectionBanner';
import { Header } from './Header';
import { MainArea } from './MainArea';
import { NewAgentDialog } from './NewAgentDialog';
import { Toasts } from './Toasts';

export function App() {
  return (
    <div className="app">
      <ConnectionBanner />
      <Header />
      <div className="app-body">
        <AgentSidebar />
        <MainArea />
      </div>
      <NewAgentDialog />
      <Toasts />
    </div>
  );
}
