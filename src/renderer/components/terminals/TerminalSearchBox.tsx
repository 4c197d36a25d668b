import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useServices } from '../../services-context';
import { useSearchRequest } from '../../state/selectors';
import { useStore } from '../../state/store';
import { SEARCH_DECORATIONS } from '../../terminals/terminal-options';

interface MatchCount {
  index: number;
  count: number;
}

/** Ctrl+Shift+F in a terminal: find text in its scrollback. Enter = next, Shift+Enter = previous. */
export function TerminalSearchBox({ agentId }: { agentId: string }) {
  const { terminals } = useServices();
  const closeSearch = useStore((s) => s.closeSearch);
  const searchRequest = useSearchRequest();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<MatchCount | null>(null);
  const terminal = terminals.get(agentId);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [searchRequest]);

  useEffect(() => {
    if (!terminal) return;
    const subscription = terminal.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setMatches({ index: resultIndex, count: resultCount }),
    );
    return () => {
      subscription.dispose();
      terminal.search.clearDecorations();
    };
  }, [terminal]);

  const find = (text: string, direction: 'next' | 'previous', incremental = false): void => {
    if (!terminal) return;
    if (text === '') {
      terminal.search.clearDecorations();
      setMatches(null);
      return;
    }
    const options = { decorations: SEARCH_DECORATIONS, incremental };
    if (direction === 'next') terminal.search.findNext(text, options);
    else terminal.search.findPrevious(text, options);
  };

  const close = (): void => {
    closeSearch();
    terminal?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      find(query, event.shiftKey ? 'previous' : 'next');
    }
  };

  return (
    <div className="terminal-search" role="search">
      <input
        ref={inputRef}
        type="search"
        aria-label="Search terminal"
        placeholder="Find"
        value={query}
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          find(event.target.value, 'next', true);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="terminal-search-count" aria-live="polite">
        {describeMatches(query, matches)}
      </span>
      <button type="button" aria-label="Previous match" onClick={() => find(query, 'previous')}>
        ↑
      </button>
      <button type="button" aria-label="Next match" onClick={() => find(query, 'next')}>
        ↓
      </button>
      <button type="button" aria-label="Close search" onClick={close}>
        ×
      </button>
    </div>
  );
}

function describeMatches(query: string, matches: MatchCount | null): string {
  if (query === '' || matches === null) return '';
  if (matches.count === 0) return 'No matches';
  // The addon reports index -1 once there are more matches than it highlights.
  return matches.index < 0 ? `${matches.count}+ matches` : `${matches.index + 1} of ${matches.count}`;
}
