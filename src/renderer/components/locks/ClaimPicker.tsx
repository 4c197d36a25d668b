/**
 * "Choose files…" in the launch form: a checkbox per known path. Known paths are those claimed
 * now or chosen for an agent before; listing the repository's own files needs a core command
 * (`repo.files`) that does not exist yet.
 */
export function ClaimPicker(props: { id: string; known: readonly string[]; selected: readonly string[]; onChange: (claims: string[]) => void }) {
  const { id, known, selected, onChange } = props;
  const toggle = (pattern: string, checked: boolean): void =>
    onChange(checked ? [...new Set([...selected, pattern])] : selected.filter((claim) => claim !== pattern));

  return (
    <fieldset id={id} className="claims-picker">
      <legend>Paths claimed before</legend>
      {known.length === 0 ? (
        <p className="field-hint">No path has been claimed yet. Type a path, a directory ending in / or a glob above.</p>
      ) : (
        <ul role="list">
          {known.map((pattern) => (
            <li key={pattern}>
              <label className="checkbox-label">
                <input type="checkbox" checked={selected.includes(pattern)} onChange={(event) => toggle(pattern, event.target.checked)} />
                {pattern}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
