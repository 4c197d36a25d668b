/** The window's remembered choices: read back after a reload, a bad or missing store never breaks the UI. */
import { afterEach, describe, expect, it } from 'vitest';
import { saveChoice, savedChoice } from '../../../src/renderer/state/ui-preferences';

const LAYOUTS = ['tabs', 'grid'] as const;

function installStorage(storage: Partial<Storage> | undefined): void {
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
}

describe('ui preferences', () => {
  afterEach(() => installStorage(undefined));

  it('reads back a saved choice, as a reloaded page does', () => {
    const values = new Map<string, string>();
    installStorage({ getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) });
    expect(savedChoice('layout', LAYOUTS, 'tabs')).toBe('tabs');
    saveChoice('layout', 'grid');
    expect(savedChoice('layout', LAYOUTS, 'tabs')).toBe('grid');
  });

  it('falls back on a value it does not know, a missing store, and a store that throws', () => {
    installStorage({ getItem: () => 'mosaic', setItem: () => undefined });
    expect(savedChoice('layout', LAYOUTS, 'tabs')).toBe('tabs');
    installStorage(undefined);
    expect(savedChoice('layout', LAYOUTS, 'tabs')).toBe('tabs');
    expect(() => saveChoice('layout', 'grid')).not.toThrow();
    const refusing = () => {
      throw new Error('SecurityError: storage is disabled');
    };
    installStorage({ getItem: refusing, setItem: refusing });
    expect(savedChoice('layout', LAYOUTS, 'grid')).toBe('grid');
    expect(() => saveChoice('layout', 'tabs')).not.toThrow();
  });
});
