import { AgentSidebar } from './agents/AgentSidebar';
import { CommitWizard } from './commit/CommitWizard';
import { ConnectionBanner } from './ConnectionBanner';
import { Header } from './Header';
import { MainArea } from './MainArea';
import { NewAgentDialog } from './agents/NewAgentDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { MessagesDialog } from './messages/MessagesDialog';

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
      <CommitWizard />
      <ShortcutsDialog />
      <MessagesDialog />
    </div>
  );
}
