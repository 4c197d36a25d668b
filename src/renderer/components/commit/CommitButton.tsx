import { useRepo } from '../../state/selectors';
import { useStore } from '../../state/store';

/** The header's way into the commit wizard (also Ctrl+Shift+G). */
export function CommitButton() {
  const repo = useRepo();
  const open = useStore((s) => s.openCommitWizard);
  return (
    <button
      type="button"
      className="commit-button"
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+Shift+G"
      title={repo ? 'Turn the agents’ changes into commits (Ctrl+Shift+G)' : 'Open a repository first'}
      disabled={repo === null}
      onClick={open}
    >
      Commit…
    </button>
  );
}
