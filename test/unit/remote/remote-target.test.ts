import { describe, expect, it } from 'vitest';
import { formatRemoteTarget, parseRemoteTarget, RemoteTargetError } from '../../../src/core/remote/remote-target';

describe('parseRemoteTarget', () => {
  it('reads [user@]host[:port], IPv6 in brackets', () => {
    expect(parseRemoteTarget('build1')).toEqual({ user: null, host: 'build1', port: null });
    expect(parseRemoteTarget(' me@build1.example.com:2222 ')).toEqual({ user: 'me', host: 'build1.example.com', port: 2222 });
    expect(parseRemoteTarget('10.0.0.7:22')).toEqual({ user: null, host: '10.0.0.7', port: 22 });
    expect(parseRemoteTarget('ci_user@[::1]:2200')).toEqual({ user: 'ci_user', host: '::1', port: 2200 });
    expect(parseRemoteTarget('[fe80::1]')).toEqual({ user: null, host: 'fe80::1', port: null });
  });

  it('says what is wrong in a sentence, and lets nothing through that ssh could read as an option', () => {
    const cases: Array<[string, string]> = [
      ['', 'The remote host is empty; give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['me@', '"me@" names no host; give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['-oProxyCommand=x', '"-oProxyCommand=x" is not a host name (letters, digits, ".", "_" and "-", not first); give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['-l@host', '"-l" is not a user name (letters, digits, ".", "_" and "-", not first); give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['build1:0', '"0" is not a port (1-65535); give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['build1:70000', '"70000" is not a port (1-65535); give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['build1:ssh', '"ssh" is not a port (1-65535); give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['my host', '"my host" holds a space; give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['[::1', '"[::1" opens an IPv6 address with "[" but never closes it; give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
      ['[::1]x', '"[::1]x" has "x" after the address; give it as [user@]host[:port], e.g. me@build1 or build1:2222.'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseRemoteTarget(text), text).toThrow(RemoteTargetError);
      expect(() => parseRemoteTarget(text), text).toThrow(message);
    }
  });

  it('formats back to what a person types', () => {
    for (const text of ['build1', 'me@build1:2222', 'me@[::1]:22', '[::1]']) expect(formatRemoteTarget(parseRemoteTarget(text))).toBe(text);
  });
});
