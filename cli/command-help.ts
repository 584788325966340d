// Examples and environment variables shown at the end of each command's --help.
import type { Command } from 'commander';

interface CommandHelp {
  examples: string[];
  /** Environment variables the command reads, with what each does. */
  environment: Array<[name: string, meaning: string]>;
}

const CA_DIR: [string, string] = ['IAMRA_CA_DIR', 'the CA directory when --ca is absent (default ./iamra-ca)'];
const CA_STORE: Array<[string, string]> = [
  ['IAMRA_STORE', "the CA store when --store is absent (sqlite:FILE or postgres://...; default: ca.json's)"],
  ['PGPASSWORD, PGPASSFILE', 'for a postgres:// store without a password in the URL (else ~/.pgpass)'],
];
const CA_PASSPHRASE: [string, string] = ['IAMRA_CA_PASSPHRASE', "the CA key's passphrase when --passphrase-file is absent"];
const AWS_SDK: Array<[string, string]> = [
  ['AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN', "credentials, through the AWS SDK's chain"],
  ['AWS_REGION', "the region when --region is absent and the ARN does not say"],
  ['AWS_CA_BUNDLE', "the CA certificates (PEM) trusted for HTTPS, in place of Node's (else the profile's ca_bundle)"],
  ['HTTPS_PROXY, NO_PROXY', 'the proxy for HTTPS calls'],
];

/** Keyed by the command's full name under `iamra`. */
export const COMMAND_HELP: Record<string, CommandHelp> = {
  ca: { examples: ['iamra ca init --subject "CN=Example CA,O=Example"', 'iamra ca show --json'], environment: [CA_DIR] },
  'ca init': {
    examples: [
      'iamra ca init --subject "CN=Example Workload CA,O=Example" --key-type ec-p256 --validity 10y',
      'iamra ca init --ca ./inter --intermediate --subject "CN=Workloads Intermediate,O=Example"',
      'iamra ca init --subject "CN=Example CA" --passphrase-file pass.txt --json',
    ],
    environment: [CA_DIR, ['IAMRA_CA_PASSPHRASE', 'the new key\'s passphrase when --passphrase-file is absent']],
  },
  'ca show': { examples: ['iamra ca show', 'iamra ca show --pem > ca.crt'], environment: [CA_DIR] },
  'ca import-cert': { examples: ['iamra ca import-cert --ca ./inter inter.crt --chain root.crt'], environment: [CA_DIR] },
  'ca passphrase': {
    examples: ['iamra ca passphrase --passphrase-file old.txt --new-passphrase-file new.txt', 'iamra ca passphrase --ca ./my-ca   # asks for both on the terminal'],
    environment: [CA_DIR, CA_PASSPHRASE, ['IAMRA_CA_NEW_PASSPHRASE', 'the new passphrase when --new-passphrase-file is absent']],
  },
  'ca backup': {
    examples: ['iamra ca backup --out ca-2026-12-01.iamra-backup', 'iamra ca backup --ca /srv/iamra-ca --out /backups/ca.iamra-backup'],
    environment: [CA_DIR],
  },
  'ca restore': {
    examples: ['iamra ca restore ca-2026-12-01.iamra-backup --ca ./restored-ca'],
    environment: [CA_DIR, ['IAMRA_CA_PASSPHRASE', "the CA key's passphrase (to check the key) when --passphrase-file is absent"]],
  },
  'ca template': { examples: ['iamra ca template set ci ci-template.json', 'iamra ca template list'], environment: [CA_DIR] },
  'ca template set': { examples: ['iamra ca template set ci ci-template.json'], environment: [CA_DIR] },
  'ca template list': { examples: ['iamra ca template list --json'], environment: [CA_DIR] },
  'ca template show': { examples: ['iamra ca template show ci'], environment: [CA_DIR] },
  'ca template delete': { examples: ['iamra ca template delete ci'], environment: [CA_DIR] },
  'ca migrate': { examples: ['iamra ca migrate', 'iamra ca migrate --store postgres://iamra@db.example.com/iamra_ca'], environment: [CA_DIR, ...CA_STORE] },
  'ca export-store': {
    examples: ['iamra ca export-store --to postgres://iamra@db.example.com/iamra_ca', 'iamra ca export-store --from postgres://iamra@db.example.com/iamra_ca --store sqlite:ca-copy.db'],
    environment: [CA_DIR, ...CA_STORE],
  },
  'ca audit': { examples: ['iamra ca audit --last 20', 'iamra ca audit --json'], environment: [CA_DIR] },
  issue: {
    examples: [
      'iamra issue --csr web1.csr --subject "CN=web1,O=Example,OU=Web" --san dns:web1.example.com --cert-out web1.crt',
      'iamra issue --generate-key --subject "CN=ci-runner-7,OU=CI" --key-out ci.key --cert-out ci.crt',
      'iamra issue --generate-key --template ci --subject "CN=ci-8" --key-out ci8.key --cert-out ci8.crt --json',
    ],
    environment: [CA_DIR, CA_PASSPHRASE, ['IAMRA_P12_PASSWORD', "the PKCS#12 bundle's password when --p12-password-file is absent"]],
  },
  revoke: {
    examples: ['iamra revoke 5fc20f043a9015cc8953ffee90820d23 --reason keyCompromise', 'iamra revoke web1.crt --reason superseded --publish', 'iamra revoke web1.crt --json'],
    environment: [CA_DIR, ['IAMRA_CA_PASSPHRASE', "with --publish: the CA key's passphrase, to sign the CRL"], ...AWS_SDK],
  },
  renew: {
    examples: [
      'iamra renew 5fc20f04 --key-out web1-new.key --cert-out web1-new.crt',
      'iamra renew web1.crt --csr web1.csr --cert-out web1-new.crt --revoke-old --publish',
      'iamra renew 5fc20f043a9015cc8953ffee90820d23 --key-out ci.key --cert-out ci.crt --validity 7d --json',
    ],
    // With --publish, the AWS SDK's variables as for "iamra crl publish".
    environment: [CA_DIR, CA_PASSPHRASE, ...AWS_SDK],
  },
  list: {
    examples: [
      'iamra list --status valid --expiring-within 7d --sort not-after',
      'iamra list --san dns:web.example.com --subject-attr OU=payments',
      'iamra list --template ci --limit 20 --json',
    ],
    environment: [CA_DIR],
  },
  show: { examples: ['iamra show 5fc20f04', 'iamra show web1.crt', 'iamra show 5fc20f043a9015cc8953ffee90820d23 --json'], environment: [CA_DIR] },
  export: { examples: ['iamra export 5fc20f043a9015cc8953ffee90820d23 > web1.crt', 'iamra export 5fc20f043a9015cc8953ffee90820d23 --der --out web1.der'], environment: [CA_DIR] },
  crl: { examples: ['iamra crl generate --out ca.crl', 'iamra crl publish --trust-anchor-arn arn:aws:rolesanywhere:...'], environment: [CA_DIR] },
  'crl generate': {
    examples: ['iamra crl generate --out /srv/crl/ca.crl   # replaces the previous CRL of this CA atomically', 'iamra crl generate --der --out ca.crl.der --next-update 7d', 'iamra crl generate --out ca.crl --json'],
    environment: [CA_DIR, CA_PASSPHRASE],
  },
  'crl publish': {
    examples: [
      'iamra crl publish --trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0d1a...',
      'iamra crl publish    # every remembered trust anchor, each with its own endpoint, region and profile',
      'iamra crl publish --watch --interval 5m',
    ],
    environment: [CA_DIR, CA_PASSPHRASE, ...AWS_SDK],
  },
  'crl status': { examples: ['iamra crl status    # exit 1 when a trust anchor is not up to date', 'iamra crl status --offline --json'], environment: [CA_DIR, ...AWS_SDK] },
  policy: {
    examples: ['iamra policy trust --trust-anchor-arn arn:aws:rolesanywhere:...:trust-anchor/... --match x509Subject/OU=CI', 'iamra policy lint trust.json'],
    environment: [],
  },
  'policy trust': {
    examples: [
      'iamra policy trust --trust-anchor-arn arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0d1a... --match x509Subject/CN=web-*',
      'iamra policy trust --trust-anchor-arn arn:aws:rolesanywhere:... --from-template ci > trust.json',
    ],
    environment: [['IAMRA_CA_DIR', 'with --from-template: the CA directory when --ca is absent']],
  },
  'policy session': {
    examples: ['iamra policy session --service s3 --resource "arn:aws:s3:::builds/*" --source-ip 10.0.0.0/8', 'iamra policy session --check session.json --json'],
    environment: [],
  },
  'policy explain': {
    examples: [
      'iamra policy explain --certificate web1.crt --policy trust.json --trust-anchor-arn arn:aws:rolesanywhere:...',
      'iamra policy explain --certificate ci.crt --intermediates inter.crt --anchor-certificate ca.crt --policy trust.json --trust-anchor-arn arn:... --json',
    ],
    environment: [],
  },
  'policy lint': { examples: ['iamra policy lint trust.json', 'iamra policy lint trust.json --profile-mappings profile.json --json'], environment: [] },
  setup: {
    examples: [
      'iamra setup --ca ./iamra-ca --region eu-west-1 --role-arn arn:aws:iam::111122223333:role/ci',
      'iamra setup --region eu-west-1 --create-role ci --dry-run',
    ],
    environment: [['IAMRA_CA_DIR', 'the CA directory when --ca is absent'], ...AWS_SDK],
  },
  doctor: {
    examples: ['iamra doctor --certificate ci.crt --private-key ci.key --trust-anchor-arn arn:... --profile-arn arn:... --role-arn arn:...'],
    environment: [['AWS_CA_BUNDLE', 'extra trusted CA certificates (PEM) for HTTPS'], ['HTTPS_PROXY, NO_PROXY', 'the proxy for HTTPS calls']],
  },
  emulator: {
    examples: ['iamra emulator --port 8443 --roles roles.json', 'iamra emulator --tls --state emulator.db --access-keys keys.json'],
    environment: [],
  },
};

/**
 * The help text for one command, or undefined when none is registered for it. A command taking
 * `--store` also reads the store's variables, listed once here rather than in every entry.
 */
export function commandHelpText(fullName: string, options: { takesStore: boolean } = { takesStore: false }): string | undefined {
  const help = COMMAND_HELP[fullName];
  if (help === undefined) return undefined;
  const lines = ['', 'Examples:', ...help.examples.map((example) => `  $ ${example}`)];
  const environment = options.takesStore ? [...help.environment, ...CA_STORE.filter((entry) => !help.environment.includes(entry))] : help.environment;
  if (environment.length > 0) {
    lines.push('', 'Environment:', ...environment.map(([name, meaning]) => `  ${name}: ${meaning}`));
  }
  return lines.join('\n');
}

/** The command's name under `iamra`, e.g. "ca template set". */
export function fullCommandName(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}
