#!/usr/bin/env python3
"""Independent ML-DSA checks for iamra's tests (issue 14), on Python's `cryptography` (48+).

Verifies certificates, CSRs, CRLs and raw signatures that iamra writes, and makes ML-DSA keys and
signatures for iamra to read. Exits 0 and prints "ok" (or the requested data) on success, 1 on a
failed check, 2 when this Python has no ML-DSA (tests must fail loudly then, never skip).

  keygen SET OUT_PREFIX [PASSWORD]   writes OUT_PREFIX.key.pem (PKCS#8), .key.der, .spki.der,
                                      and OUT_PREFIX.key.enc.pem when PASSWORD is given
  sign KEY MESSAGE_FILE              prints the hex ML-DSA signature (empty context)
  verify-signature PUBLIC MESSAGE_FILE HEX   PUBLIC is an SPKI or certificate (PEM or DER)
  verify-cert CERT ISSUER_CERT       the certificate's signature under the issuer's key
  verify-csr CSR                     the CSR's self-signature
  verify-crl CRL ISSUER_CERT         the CRL's signature under the issuer's key
  key-type FILE                      the parameter set of a key, SPKI or certificate
"""
import sys

try:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, mldsa, padding, rsa
except ImportError as error:  # pragma: no cover - the point is to fail loudly
    print(f"no ML-DSA in this Python's cryptography: {error}", file=sys.stderr)
    sys.exit(2)

GENERATORS = {
    "ML-DSA-44": mldsa.MLDSA44PrivateKey,
    "ML-DSA-65": mldsa.MLDSA65PrivateKey,
    "ML-DSA-87": mldsa.MLDSA87PrivateKey,
}
PUBLIC_TYPES = {
    mldsa.MLDSA44PublicKey: "ML-DSA-44",
    mldsa.MLDSA65PublicKey: "ML-DSA-65",
    mldsa.MLDSA87PublicKey: "ML-DSA-87",
}


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def is_pem(data):
    return data.lstrip().startswith(b"-----BEGIN")


def load_certificate(path):
    data = read(path)
    return x509.load_pem_x509_certificate(data) if is_pem(data) else x509.load_der_x509_certificate(data)


def load_public(path):
    data = read(path)
    if b"CERTIFICATE" in data[:40] or (not is_pem(data) and not data.startswith(b"\x30\x82\x07") and _is_certificate(data)):
        return load_certificate(path).public_key()
    return serialization.load_pem_public_key(data) if is_pem(data) else serialization.load_der_public_key(data)


def _is_certificate(data):
    try:
        x509.load_der_x509_certificate(data)
        return True
    except ValueError:
        return False


def parameter_set(public_key):
    return next((name for kind, name in PUBLIC_TYPES.items() if isinstance(public_key, kind)), None)


def verify(public_key, signature, message, signed):
    """True when the signature verifies; ML-DSA is pure (no digest), others use the object's digest."""
    try:
        if parameter_set(public_key):
            public_key.verify(signature, message)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, message, ec.ECDSA(signed.signature_hash_algorithm))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, message, padding.PKCS1v15(), signed.signature_hash_algorithm)
        else:
            raise SystemExit(f"unsupported key {type(public_key).__name__}")
        return True
    except InvalidSignature:
        return False


def report(is_ok, what):
    if is_ok:
        print("ok")
        return 0
    print(f"bad signature: {what}", file=sys.stderr)
    return 1


def keygen(parameter_set, prefix, password=None):
    key = GENERATORS[parameter_set].generate()
    plain = serialization.NoEncryption()
    with open(f"{prefix}.key.pem", "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, plain))
    with open(f"{prefix}.key.der", "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, plain))
    with open(f"{prefix}.spki.der", "wb") as out:
        out.write(key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
    if password is not None:
        encryption = serialization.BestAvailableEncryption(password.encode())
        with open(f"{prefix}.key.enc.pem", "wb") as out:
            out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption))
    print("ok")
    return 0


def load_private(path):
    data = read(path)
    return serialization.load_pem_private_key(data, None) if is_pem(data) else serialization.load_der_private_key(data, None)


def main(argv):
    command, args = argv[0], argv[1:]
    if command == "keygen":
        return keygen(*args)
    if command == "sign":
        print(load_private(args[0]).sign(read(args[1])).hex())
        return 0
    if command == "verify-signature":
        return report(verify(load_public(args[0]), bytes.fromhex(args[2]), read(args[1]), None), "message")
    if command == "verify-cert":
        cert, issuer = load_certificate(args[0]), load_certificate(args[1])
        return report(verify(issuer.public_key(), cert.signature, cert.tbs_certificate_bytes, cert), "certificate")
    if command == "verify-csr":
        data = read(args[0])
        csr = x509.load_pem_x509_csr(data) if is_pem(data) else x509.load_der_x509_csr(data)
        return report(verify(csr.public_key(), csr.signature, csr.tbs_certrequest_bytes, csr), "CSR")
    if command == "verify-crl":
        data = read(args[0])
        crl = x509.load_pem_x509_crl(data) if is_pem(data) else x509.load_der_x509_crl(data)
        issuer = load_certificate(args[1])
        return report(verify(issuer.public_key(), crl.signature, crl.tbs_certlist_bytes, crl), "CRL")
    if command == "key-type":
        try:
            public_key = load_private(args[0]).public_key()
        except (ValueError, TypeError):
            public_key = load_public(args[0])
        print(parameter_set(public_key) or type(public_key).__name__)
        return 0
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
