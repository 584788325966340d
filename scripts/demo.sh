#!/usr/bin/env bash
# The main job on the embedded default, end to end. Filled in as the issues land.
set -euo pipefail
cd "$(dirname "$0")/.."

iamra() { node dist/iamra.js "$@"; }
out=demo-out
rm -rf "$out" && mkdir -p "$out"
export IAMRA_CA_DIR="$out/ca" IAMRA_CA_PASSPHRASE="demo passphrase, not for production"

echo "== CA (issue #2): a root CA, a workload certificate, a revocation and a CRL"
iamra ca init --subject "CN=iamra demo CA,O=Example" --key-type ec-p256 --validity 1y
iamra issue --generate-key --subject "CN=demo-workload,O=Example,OU=Demo" --san uri:spiffe://example.com/demo \
  --validity 1d --key-out "$out/workload.key" --cert-out "$out/workload.crt"
iamra issue --generate-key --subject "CN=lost-laptop,O=Example" --key-out "$out/lost.key" --cert-out "$out/lost.crt" >/dev/null
iamra revoke "$out/lost.crt" --reason keyCompromise
iamra crl generate --out "$out/ca.crl"
iamra list
cat "$out/ca/ca.crt" "$out/ca.crl" >"$out/ca-with-crl.pem"
openssl verify -crl_check -CAfile "$out/ca-with-crl.pem" "$out/workload.crt"
if openssl verify -crl_check -CAfile "$out/ca-with-crl.pem" "$out/lost.crt" 2>/dev/null; then
  echo "demo: the revoked certificate still verifies" >&2
  exit 1
fi
echo "the revoked certificate is rejected by openssl verify -crl_check"
