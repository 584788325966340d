#!/usr/bin/env bash
# The main job on the embedded default (SQLite CA, local emulator), end to end:
# CA -> workload certificate -> credentials -> revocation published -> credentials refused.
set -euo pipefail
cd "$(dirname "$0")/.."

iamra() { node dist/iamra.js "$@"; }
step() { printf '\n== %s\n' "$*"; }
out=${IAMRA_DEMO_OUT:-demo-out}
rm -rf "$out" && mkdir -p "$out"
export IAMRA_CA_DIR="$out/ca" IAMRA_CA_PASSPHRASE="demo passphrase, not for production"
# The emulator accepts any SigV4 key on its control plane; these are not real credentials.
export AWS_ACCESS_KEY_ID=AKIADEMODEMODEMO0000 AWS_SECRET_ACCESS_KEY=demo-secret AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN

step "1. A CA (the trust anchor) and two workload certificates (issue #2)"
iamra ca init --subject "CN=iamra demo CA,O=Example" --key-type ec-p256 --validity 1y
iamra issue --generate-key --subject "CN=build-agent,O=Example,OU=CI" --san uri:spiffe://example.com/ci/build-agent \
  --validity 1d --key-out "$out/agent.key" --cert-out "$out/agent.crt"
iamra issue --generate-key --key-type rsa-2048 --subject "CN=lost-laptop,O=Example,OU=CI" \
  --validity 1d --key-out "$out/laptop.key" --cert-out "$out/laptop.crt"
iamra list

step "2. A local Roles Anywhere emulator with a role that trusts OU=CI (issue #3)"
role_arn="arn:aws:iam::123456789012:role/ci-deployer"
cat >"$out/roles.json" <<JSON
{"roles": [{"arn": "$role_arn", "maxSessionDuration": 3600, "trustPolicy": {
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"},
    "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
    "Condition": {"StringEquals": {"aws:PrincipalTag/x509Subject/OU": "CI"}}}]}}]}
JSON
# Started as node itself (not through the iamra function, whose subshell would be what $! names),
# so the trap stops the emulator and waits for it: the demo leaves no process behind.
node dist/iamra.js emulator --port 0 --roles "$out/roles.json" >"$out/emulator.url" 2>"$out/emulator.log" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$out/emulator.url" ] && break; sleep 0.1; done
endpoint=$(head -n1 "$out/emulator.url")
echo "emulator listening on $endpoint"

# Trust anchor and profile through the AWS CLI, a real client of the emulator's control plane.
node -e 'const fs=require("fs"); process.stdout.write(JSON.stringify({name:"demo-ca",enabled:true,source:{sourceType:"CERTIFICATE_BUNDLE",sourceData:{x509CertificateData:fs.readFileSync(process.argv[1],"utf8")}}}))' \
  "$IAMRA_CA_DIR/ca.crt" >"$out/trust-anchor.json"
anchor_arn=$(aws rolesanywhere create-trust-anchor --endpoint-url "$endpoint" --cli-input-json "file://$out/trust-anchor.json" \
  --query trustAnchor.trustAnchorArn --output text)
profile_arn=$(aws rolesanywhere create-profile --endpoint-url "$endpoint" --name ci --role-arns "$role_arn" --enabled \
  --query profile.profileArn --output text)
echo "trust anchor: $anchor_arn"
echo "profile:      $profile_arn"

credentials() {
  iamra credential-process --certificate "$out/$1.crt" --private-key "$out/$1.key" \
    --trust-anchor-arn "$anchor_arn" --profile-arn "$profile_arn" --role-arn "$role_arn" --endpoint "$endpoint"
}
show() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s);console.log(`AccessKeyId=${c.AccessKeyId} Expiration=${c.Expiration} (secret not shown)`)})'; }

step "3. Both workloads get credentials with the credential helper (issue #4)"
credentials agent | show
credentials laptop | show

step "4. The laptop is lost: revoke it and publish the CRL (issue #5)"
iamra crl publish --trust-anchor-arn "$anchor_arn" --endpoint "$endpoint"
iamra revoke "$out/laptop.crt" --reason keyCompromise --publish
iamra crl status
aws rolesanywhere list-crls --endpoint-url "$endpoint" --query 'crls[].[name,enabled]' --output text

step "5. The revoked certificate is refused; the other keeps working"
if credentials laptop >/dev/null 2>"$out/refused.txt"; then
  echo "demo: the revoked certificate still got credentials" >&2
  exit 1
fi
cat "$out/refused.txt"
credentials agent | show

echo
echo "demo complete: files in $out/"
