import { useMemo, useState, type ReactNode } from 'react';
import { DIFF_LINE_BUDGET, planRendering } from './render-budget';
import { parseUnifiedDiff, toSplitRows, type DiffFile, type DiffHunk, type DiffLine } from './unified-diff';
import './diff.css';

export type DiffMode = 'unified' | 'split';

export interface DiffViewerProps {
  diff: string;
  mode: DiffMode;
  onModeChange?: (mode: DiffMode) => void;
  /** Controls shown in a hunk's header; the index counts hunks across the whole diff, in order. */
  hunkActions?: (hunkIndex: number) => ReactNode;
}

/** A `git diff` text as unified or side-by-side columns, with line numbers. */
export function DiffViewer({ diff, mode, onModeChange, hunkActions }: DiffViewerProps) {
  const files = useMemo(() => parseUnifiedDiff(diff), [diff]);
  const [budget, setBudget] = useState(DIFF_LINE_BUDGET);
  const plan = useMemo(() => planRendering(files, budget), [files, budget]);

  return (
    <div className="diff-viewer" data-testid="diff-viewer" data-mode={mode}>
      {onModeChange && <DiffModeToggle mode={mode} onChange={onModeChange} />}
      {files.length === 0 && <p className="diff-note">No changes.</p>}
      {plan.files.map(({ file, hunks, firstHunkIndex }, fileIndex) => (
        <section key={`${fileIndex}:${file.path}`} className="diff-file" aria-label={`Diff of ${file.path}`}>
          <DiffFileHeader file={file} />
          {file.binary && <p className="diff-note">Binary file; its contents are not shown.</p>}
          {!file.binary && file.hunks.length === 0 && <p className="diff-note">No content changes.</p>}
          {hunks.map((hunk, i) => (
            <HunkView key={i} hunk={hunk} mode={mode} actions={hunkActions?.(firstHunkIndex + i)} />
          ))}
        </section>
      ))}
      {plan.hiddenLines > 0 && (
        <p className="diff-note diff-truncated" role="status">
          Showing {plan.shownLines.toLocaleString()} of {(plan.shownLines + plan.hiddenLines).toLocaleString()} lines; the rest is
          not rendered.{' '}
          <button type="button" onClick={() => setBudget((b) => b + DIFF_LINE_BUDGET)}>
            Show more
          </button>
        </p>
      )}
    </div>
  );
}

function DiffModeToggle({ mode, onChange }: { mode: DiffMode; onChange: (mode: DiffMode) => void }) {
  return (
    <div className="diff-mode-toggle" role="group" aria-label="Diff layout">
      <button type="button" aria-pressed={mode === 'unified'} onClick={() => onChange('unified')}>
        Unified
      </button>
      <button type="button" aria-pressed={mode === 'split'} onClick={() => onChange('split')}>
        Split
      </button>
    </div>
  );
}

function DiffFileHeader({ file }: { file: DiffFile }) {
  const renamed = (file.status === 'renamed' || file.status === 'copied') && file.oldPath !== null;
  return (
    <header className="diff-file-header">
      <span className={`diff-status diff-status-${file.status}`}>{file.status}</span>
      <span className="diff-path">{renamed ? `${file.oldPath} → ${file.newPath ?? ''}` : file.path}</span>
      {!file.binary && (
        <span className="diff-stats">
          <span className="diff-stat-added">+{file.added}</span> <span className="diff-stat-removed">−{file.removed}</span>
        </span>
      )}
      {file.notes.length > 0 && <span className="diff-file-notes">{file.notes.join(' · ')}</span>}
    </header>
  );
}

function HunkView({ hunk, mode, actions }: { hunk: DiffHunk; mode: DiffMode; actions: ReactNode }) {
  return (
    <table className={`diff-hunk diff-${mode}`}>
      {/* With table-layout: fixed the first row sets the widths; that row is the colSpan header, so the columns say it here. */}
      <colgroup>
        {mode === 'split' ? (
          <>
            <col className="diff-col-number" />
            <col />
            <col className="diff-col-number" />
            <col />
          </>
        ) : (
          <>
            <col className="diff-col-number" />
            <col className="diff-col-number" />
            <col />
          </>
        )}
      </colgroup>
      <thead>
        <tr className="diff-hunk-header">
          <th colSpan={mode === 'split' ? 4 : 3}>
            <span className="diff-hunk-range">
              @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@ {hunk.section}
            </span>
            {actions && <span className="diff-hunk-actions">{actions}</span>}
          </th>
        </tr>
      </thead>
      <tbody>{mode === 'split' ? <SplitLines hunk={hunk} /> : <UnifiedLines hunk={hunk} />}</tbody>
    </table>
  );
}

function UnifiedLines({ hunk }: { hunk: DiffHunk }) {
  return hunk.lines.map((line, i) => (
    <tr key={i} className={`diff-line diff-${line.kind}`}>
      <td className="diff-number">{line.oldNumber ?? ''}</td>
      <td className="diff-number">{line.newNumber ?? ''}</td>
      <LineText line={line} />
    </tr>
  ));
}

function SplitLines({ hunk }: { hunk: DiffHunk }) {
  const rows = useMemo(() => toSplitRows(hunk), [hunk]);
  return rows.map(({ left, right }, i) => (
    <tr key={i} className="diff-line">
      <SplitSide line={left} side="old" />
      <SplitSide line={right} side="new" />
    </tr>
  ));
}

function SplitSide({ line, side }: { line: DiffLine | null; side: 'old' | 'new' }) {
  if (!line) {
    return (
      <>
        <td className="diff-number diff-empty" />
        <td className="diff-text diff-empty" />
      </>
    );
  }
  return (
    <>
      <td className={`diff-number diff-${line.kind}`}>{side === 'old' ? line.oldNumber : line.newNumber}</td>
      <LineText line={line} />
    </>
  );
}

const MARKERS = { context: ' ', added: '+', removed: '-' } as const;

function LineText({ line }: { line: DiffLine }) {
  return (
    <td className={`diff-text diff-${line.kind}`}>
      <span className="diff-marker" aria-hidden="true">
        {MARKERS[line.kind]}
      </span>
      {line.text}
      {line.noNewline && (
        <span className="diff-no-newline" title="No newline at end of file">
          {' '}⏎̸ no newline at end of file
        </span>
      )}
    </td>
  );
}
