import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/daemon/durations.js';
import { parseListenAddress } from '../../src/daemon/listen-address.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
  ])('reads %s as %d milliseconds', (text, expected) => {
    expect(parseDuration(text, '--interval')).toBe(expected);
  });

  it.each(['', '60', 'soon', '-5s', '0s'])('refuses "%s" naming the option', (text) => {
    expect(() => parseDuration(text, '--interval')).toThrow(/--interval must be a positive/);
  });
});

describe('parseListenAddress', () => {
  it.each([
    ['0.0.0.0:8080', { host: '0.0.0.0', port: 8080 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['[::]:9090', { host: '::', port: 9090 }],
    ['localhost:80', { host: 'localhost', port: 80 }],
  ])('reads %s', (text, expected) => {
    expect(parseListenAddress(text)).toEqual(expected);
  });

  it.each([':8080', '8080', 'host:99999', 'host:port'])('refuses "%s"', (text) => {
    expect(() => parseListenAddress(text)).toThrow(/--listen must be HOST:PORT/);
  });
});
