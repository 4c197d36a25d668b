import type { GateMode } from '../../../shared/locks';

/** enforce first: the default, and the mode that keeps agents off each other's files. */
const GATE_MODES: ReadonlyArray<{ mode: GateMode; label: string }> = [
  { mode: 'enforce', label: 'Enforce — refuse a write to a file another agent holds' },
  { mode: 'advise', label: 'Advise — allow the write, but tell the agent who holds the file' },
  { mode: 'observe', label: 'Observe — allow the write and only record it in the log' },
];

const isGateMode = (value: string): value is GateMode => GATE_MODES.some((option) => option.mode === value);

/** The write-gate part of the Settings form: what a write to a held file does, and claim on write. */
export function WriteGateFields(props: {
  gateMode: GateMode;
  claimOnWrite: boolean;
  onChange: (patch: { gateMode?: GateMode; claimOnWrite?: boolean }) => void;
}) {
  const { gateMode, claimOnWrite, onChange } = props;
  return (
    <>
      <label htmlFor="settings-gate-mode">Write gate</label>
      <select
        id="settings-gate-mode"
        value={gateMode}
        onChange={(event) => {
          if (isGateMode(event.target.value)) onChange({ gateMode: event.target.value });
        }}
      >
        {GATE_MODES.map(({ mode, label }) => (
          <option key={mode} value={mode}>
            {label}
          </option>
        ))}
      </select>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={claimOnWrite}
          aria-describedby="settings-claim-on-write-hint"
          onChange={(event) => onChange({ claimOnWrite: event.target.checked })}
        />
        Claim files on write
      </label>
      <p id="settings-claim-on-write-hint" className="field-hint">
        An allowed write claims the file for the agent that wrote it, so other agents keep off it.
      </p>
    </>
  );
}
