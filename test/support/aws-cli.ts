// Runs a real AWS CLI (v1 from PATH, or Debian's v2 at /usr/bin/aws) against the emulator with an
// isolated environment: no config or credentials files, only what the test passes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface AwsCliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** `aws` on PATH (v1.45 via pyenv), and Debian's v2 when installed. */
export const AWS_CLIS: ReadonlyArray<{ name: string; binary: string }> = [
  { name: 'AWS CLI v1 (PATH)', binary: 'aws' },
  ...(existsSync('/usr/bin/aws') ? [{ name: 'AWS CLI v2 (/usr/bin/aws)', binary: '/usr/bin/aws' }] : []),
];

export function runAws(binary: string, args: string[], env: Record<string, string>): Promise<AwsCliResult> {
  const clean: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_CONFIG_FILE: '/nonexistent/iamra-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/iamra-credentials',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
    ...env,
  };
  return new Promise((resolve) => {
    execFile(binary, [...args, '--output', 'json'], { env: clean, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ status: code, stdout, stderr });
    });
  });
}
