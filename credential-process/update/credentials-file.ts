// Rewrites one profile of the shared credentials file (official-helper.md §4.2) without
// disturbing anything else: other profiles, other keys, comments, blank lines and line endings
// stay byte for byte; the three credential keys are replaced in place or added to the section.
import type { SessionCredentials } from '../credentials.js';

const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/;
const KEY = /^\s*([^=\s#;][^=]*?)\s*=/;

function credentialLines(credentials: SessionCredentials): Map<string, string> {
  return new Map([
    ['aws_access_key_id', credentials.accessKeyId],
    ['aws_secret_access_key', credentials.secretAccessKey],
    ['aws_session_token', credentials.sessionToken],
  ]);
}

export function updateCredentialsProfile(content: string, profile: string, credentials: SessionCredentials): string {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const lines = content === '' ? [] : content.split(/\r?\n/);
  const hadFinalNewline = content === '' || /\r?\n$/.test(content);
  if (hadFinalNewline && lines.length > 0) lines.pop();
  const wanted = credentialLines(credentials);
  const start = lines.findIndex((line) => SECTION.exec(line)?.[1] === profile);
  if (start < 0) {
    const block = [`[${profile}]`, ...[...wanted].map(([k, v]) => `${k} = ${v}`)];
    // Non-null: lines.length > 0 is checked first, so the last line exists.
    const separator = lines.length > 0 && lines[lines.length - 1]!.trim() !== '' ? [''] : [];
    return [...lines, ...separator, ...block].join(eol) + eol;
  }
  let end = lines.findIndex((line, i) => i > start && SECTION.test(line));
  if (end < 0) end = lines.length;
  const written = new Set<string>();
  for (let i = start + 1; i < end; i++) {
    // Non-null: i stays below lines.length in this loop.
    const key = KEY.exec(lines[i]!)?.[1]?.toLowerCase();
    if (key === undefined || !wanted.has(key)) continue;
    if (written.has(key)) {
      lines.splice(i, 1);
      i--;
      end--;
      continue;
    }
    lines[i] = `${key} = ${wanted.get(key)}`;
    written.add(key);
  }
  const missing = [...wanted].filter(([k]) => !written.has(k)).map(([k, v]) => `${k} = ${v}`);
  // New keys go after the section's last setting: trailing blank lines and comments are taken to
  // introduce the next section, so they stay in front of it.
  let insertAt = end;
  // Non-null: insertAt - 1 > start >= 0 and insertAt <= lines.length, so the line exists.
  while (insertAt > start + 1 && /^\s*([#;].*)?$/.test(lines[insertAt - 1]!)) insertAt--;
  lines.splice(insertAt, 0, ...missing);
  return lines.join(eol) + (hadFinalNewline ? eol : '');
}
