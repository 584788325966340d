// The secrets serve and update hide from /proc/PID/cmdline: password flag values in both forms,
// a PKCS#11 URI's pin-value; every other argument kept as given.
import { describe, expect, it } from 'vitest';
import { redactArguments } from './redact-arguments.js';

const VECTORS: Array<{ name: string; args: string[]; expected: string[] | undefined }> = [
  { name: 'no secret', args: ['node', 'iamra.js', 'serve', '--certificate', 'a.pem', '--pkcs8-password-file', 'pw.txt'], expected: undefined },
  { name: '--pkcs8-password VALUE', args: ['iamra', 'serve', '--pkcs8-password', 's3cret', '--port', '0'], expected: ['iamra', 'serve', '--pkcs8-password', '***', '--port', '0'] },
  { name: '--pkcs8-password=VALUE', args: ['iamra', 'update', '--pkcs8-password=s3=cret'], expected: ['iamra', 'update', '--pkcs8-password=***'] },
  { name: 'a value that looks like a flag', args: ['iamra', 'serve', '--pkcs8-password', '--port', '--port', '0'], expected: ['iamra', 'serve', '--pkcs8-password', '***', '--port', '0'] },
  { name: 'the flag last, without a value', args: ['iamra', 'serve', '--pkcs8-password'], expected: undefined },
  { name: '--tpm-key-password', args: ['iamra', 'serve', '--tpm-key-password', 'tpm'], expected: ['iamra', 'serve', '--tpm-key-password', '***'] },
  { name: 'pin-value in a pkcs11: URI', args: ['iamra', 'serve', '--certificate', 'pkcs11:token=t;object=o?pin-value=1234&module-path=/m.so'], expected: ['iamra', 'serve', '--certificate', 'pkcs11:token=t;object=o?pin-value=***&module-path=/m.so'] },
  { name: 'pin-value after another attribute, in --certificate=', args: ['--private-key=pkcs11:object=k?module-path=/m.so&PIN-VALUE=99'], expected: ['--private-key=pkcs11:object=k?module-path=/m.so&PIN-VALUE=***'] },
  { name: 'pin-source is a path, not a secret', args: ['--certificate', 'pkcs11:object=o?pin-source=/run/pin'], expected: undefined },
];

describe('redactArguments', () => {
  for (const vector of VECTORS) {
    it(vector.name, () => {
      expect(redactArguments(vector.args)).toEqual(vector.expected);
    });
  }
});
