"""A throw-away certificate authority made at test time: a root and the agency's signing
certificate, written as a PKCS#12 file the settings can point at."""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Y tế tỉnh Đồng Nai"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject: x509.Name, issuer: x509.Name, public_key, signing_key, *, ca: bool):
    """A certificate valid from yesterday for a year: a CA signs certificates, the agency's signs
    documents (non-repudiation)."""
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    return builder.sign(signing_key, hashes.SHA256())


def make_pkcs12(
    folder: Path,
    *,
    password: str = "thu-nghiem",  # noqa: S107 (a throw-away test key)
    common_name: str = "Sở Y tế tỉnh Đồng Nai",
) -> Path:
    """A root CA and a signing certificate issued by it, the key and both certificates in one .p12."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("CA thử nghiệm")
    root = _certificate(root_name, root_name, root_key.public_key(), root_key, ca=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _certificate(_name(common_name), root_name, key.public_key(), root_key, ca=False)
    data = pkcs12.serialize_key_and_certificates(
        b"agency", key, cert, [root], serialization.BestAvailableEncryption(password.encode())
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"agency-{cert.serial_number:x}.p12"
    path.write_bytes(data)
    return path
