// The key-acceptance table, one row per key kind and consumer: what the CA, the helper and the
// emulator (with and without --allow-rsa-1024) decide, and the reasons they give.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideKeyAcceptance, keyRefusalReason, minimumRsaBits, ML_DSA_KINDS, namedCurve, type KeyConsumer } from './key-acceptance.js';

const rsa = (bits: number): KeyObject => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey;
const ec = (curve: string): KeyObject => generateKeyPairSync('ec', { namedCurve: curve }).publicKey;

const KEYS: Record<string, () => KeyObject> = {
  'rsa-768': () => rsa(768),
  'rsa-1024': () => rsa(1024),
  'rsa-2048': () => rsa(2048),
  'ec-p256': () => ec('prime256v1'),
  'ec-p384': () => ec('secp384r1'),
  'ec-p521': () => ec('secp521r1'),
  'ec-secp256k1': () => ec('secp256k1'),
  ed25519: () => generateKeyPairSync('ed25519').publicKey,
};

type Row = [key: string, ca: string, helper: string, emulator: string, emulatorOptedIn: string];
const ACCEPTED = 'accept';
const TABLE: Row[] = [
  ['rsa-768', 'refuse', 'refuse', 'refuse', 'refuse'],
  ['rsa-1024', 'refuse', 'warn', 'refuse', ACCEPTED],
  ['rsa-2048', ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED],
  ['ec-p256', ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED],
  ['ec-p384', ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED],
  ['ec-p521', ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED],
  ['ec-secp256k1', 'refuse', 'refuse', 'refuse', 'refuse'],
  ['ed25519', 'refuse', 'refuse', 'refuse', 'refuse'],
];

describe('decideKeyAcceptance', () => {
  it.each(TABLE)('%s: ca %s, helper %s, emulator %s, emulator with --allow-rsa-1024 %s', (name, ca, helper, emulator, optedIn) => {
    const key = KEYS[name]!();
    const verdict = (consumer: KeyConsumer, isOptedIn = false) => decideKeyAcceptance(key, consumer, { isOptedIn }).verdict;
    expect([verdict('ca'), verdict('helper'), verdict('emulator'), verdict('emulator', true)]).toEqual([ca, helper, emulator, optedIn]);
  });

  it('names the problem: RSA size against the consumer\'s minimum, the curve, the key type', () => {
    expect(decideKeyAcceptance(KEYS['rsa-1024']!(), 'ca').problem).toEqual({ kind: 'rsa-size', bits: 1024, minimumBits: 2048 });
    expect(decideKeyAcceptance(KEYS['rsa-768']!(), 'emulator', { isOptedIn: true }).problem).toEqual({ kind: 'rsa-size', bits: 768, minimumBits: 1024 });
    expect(decideKeyAcceptance(KEYS['ec-secp256k1']!(), 'helper').problem).toEqual({ kind: 'curve', curve: 'secp256k1' });
    expect(decideKeyAcceptance(KEYS.ed25519!(), 'ca').problem).toEqual({ kind: 'key-type', keyType: 'ed25519' });
  });

  it.each(['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'])('%s (no KeyObject on Node 20: described by its key type) is taken by every consumer (issue 14)', (keyType) => {
    for (const consumer of ['ca', 'helper', 'emulator'] as const) expect(decideKeyAcceptance({ asymmetricKeyType: keyType }, consumer)).toEqual({ verdict: 'accept' });
    expect(ML_DSA_KINDS.map((row) => row.keyType)).toContain(keyType);
  });

  it('refuses an ML-DSA-like key type that is no parameter set, in words', () => {
    expect(decideKeyAcceptance({ asymmetricKeyType: 'ml-dsa-99' }, 'ca')).toEqual({ verdict: 'refuse', problem: { kind: 'key-type', keyType: 'ml-dsa-99' } });
    expect(keyRefusalReason({ asymmetricKeyType: 'ml-dsa-99' }, 'emulator')).toBe('ml-dsa-99 keys are not supported');
  });

  it('gives the emulator\'s reasons in words', () => {
    expect(keyRefusalReason(KEYS['rsa-1024']!(), 'emulator')).toBe('RSA key of 1024 bits, below 2048');
    expect(keyRefusalReason(KEYS['ec-secp256k1']!(), 'emulator')).toBe('EC curve secp256k1 is not P-256, P-384 or P-521');
    expect(keyRefusalReason(KEYS.ed25519!(), 'emulator')).toBe('ed25519 keys are not supported');
    expect(keyRefusalReason(KEYS['ec-p256']!(), 'emulator')).toBeUndefined();
  });

  it('derives each consumer\'s RSA minimum and each curve\'s names from the table', () => {
    expect([minimumRsaBits('ca'), minimumRsaBits('helper'), minimumRsaBits('emulator'), minimumRsaBits('emulator', { isOptedIn: true })]).toEqual([2048, 1024, 2048, 1024]);
    expect(namedCurve('secp384r1')).toMatchObject({ name: 'P-384', keyType: 'ec-p384', digest: 'sha384' });
    expect(namedCurve('secp256k1')).toBeUndefined();
  });
});
