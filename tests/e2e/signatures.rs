//! What a receiving server checks of a delivery, done apart from Rookery's own code: the
//! HTTP signature (RFC 9421 or draft-cavage) against the sender's public key with ring's
//! RSA PKCS#1 v1.5 SHA-256, over a signature base rebuilt here from the request as it
//! arrived, and the body's SHA-256 digest.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};

use super::inboxes::Delivery;

/// How far a signature's `created` may be from now, in seconds.
const WINDOW: i64 = 3600;

/// The sender a fake inbox expects every delivery to be signed by.
#[derive(Clone, Debug)]
pub struct Signer {
    pub key_id: String,
    n: Vec<u8>,
    e: Vec<u8>,
}

impl Signer {
    /// From the key id and the public key (PEM, SPKI) the sender's actor document shows.
    pub fn new(key_id: &str, public_key_pem: &str) -> Self {
        let der = STANDARD
            .decode(
                public_key_pem
                    .lines()
                    .filter(|line| !line.starts_with("-----"))
                    .collect::<String>(),
            )
            .expect("the public key is not base64 PEM");
        let (n, e) = rsa_public_key(&der);
        Self {
            key_id: key_id.to_owned(),
            n,
            e,
        }
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), String> {
        RsaPublicKeyComponents {
            n: &self.n,
            e: &self.e,
        }
        .verify(&RSA_PKCS1_2048_8192_SHA256, message, signature)
        .map_err(|_| "the signature does not verify with the sender's key".to_owned())
    }

    /// Checks `delivery`, which arrived at `origin` (`http://127.0.0.1:PORT`).
    pub fn check(&self, origin: &str, delivery: &Delivery<'_>) -> Result<(), String> {
        if delivery.header("signature-input").is_some() {
            self.check_rfc9421(origin, delivery)
        } else if delivery.header("signature").is_some() {
            self.check_cavage(origin, delivery)
        } else {
            Err("unsigned".into())
        }
    }

    fn check_rfc9421(&self, origin: &str, delivery: &Delivery<'_>) -> Result<(), String> {
        let input = delivery.header("signature-input").unwrap_or_default();
        let (label, params) = input
            .split_once('=')
            .ok_or_else(|| format!("Signature-Input {input:?}"))?;
        let (list, parameters) = params
            .strip_prefix('(')
            .and_then(|rest| rest.split_once(')'))
            .ok_or_else(|| format!("Signature-Input {input:?}"))?;
        let components: Vec<&str> = list
            .split_whitespace()
            .map(|c| c.trim_matches('"'))
            .collect();
        for needed in ["@method", "@target-uri", "content-digest"] {
            if !components.contains(&needed) {
                return Err(format!("the signature does not cover {needed}: {input}"));
            }
        }
        let parameter = |name: &str| {
            parameters
                .split(';')
                .find_map(|p| p.strip_prefix(&format!("{name}=")))
                .map(|v| v.trim_matches('"').to_owned())
        };
        if parameter("keyid").as_deref() != Some(self.key_id.as_str()) {
            return Err(format!("signed by another key: {input}"));
        }
        let created: i64 = parameter("created")
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("no created: {input}"))?;
        if (now() - created).abs() > WINDOW {
            return Err(format!("created {created} is out of the window"));
        }
        let digest = format!("sha-256=:{}:", STANDARD.encode(sha256(delivery.body)));
        if delivery.header("content-digest") != Some(digest.as_str()) {
            return Err(format!(
                "Content-Digest {:?} is not the body's {digest}",
                delivery.header("content-digest")
            ));
        }
        let mut base = String::new();
        for component in &components {
            let value = match *component {
                "@method" => delivery.method.to_owned(),
                "@target-uri" => format!("{origin}{}", delivery.path),
                "@authority" => origin.trim_start_matches("http://").to_owned(),
                "@path" => delivery.path.to_owned(),
                header => delivery
                    .header(header)
                    .ok_or_else(|| format!("{header} is signed but not sent"))?
                    .to_owned(),
            };
            base.push_str(&format!("\"{component}\": {value}\n"));
        }
        base.push_str(&format!("\"@signature-params\": {params}"));
        let signature = delivery
            .header("signature")
            .and_then(|s| s.strip_prefix(&format!("{label}=:")))
            .and_then(|s| s.strip_suffix(':'))
            .and_then(|s| STANDARD.decode(s).ok())
            .ok_or_else(|| format!("Signature {:?}", delivery.header("signature")))?;
        self.verify(base.as_bytes(), &signature)
    }

    fn check_cavage(&self, origin: &str, delivery: &Delivery<'_>) -> Result<(), String> {
        let header = delivery.header("signature").unwrap_or_default();
        let field = |name: &str| {
            header.split(',').find_map(|part| {
                part.trim()
                    .strip_prefix(&format!("{name}=\""))
                    .and_then(|v| v.strip_suffix('"'))
            })
        };
        if field("keyId") != Some(self.key_id.as_str()) {
            return Err(format!("signed by another key: {header}"));
        }
        let covered: Vec<&str> = field("headers")
            .ok_or_else(|| format!("no headers: {header}"))?
            .split_whitespace()
            .collect();
        for needed in ["(request-target)", "host", "date", "digest"] {
            if !covered.contains(&needed) {
                return Err(format!("the signature does not cover {needed}: {header}"));
            }
        }
        if delivery.header("host") != Some(origin.trim_start_matches("http://")) {
            return Err(format!("Host {:?}", delivery.header("host")));
        }
        let digest = format!("SHA-256={}", STANDARD.encode(sha256(delivery.body)));
        if delivery.header("digest") != Some(digest.as_str()) {
            return Err(format!(
                "Digest {:?} is not the body's {digest}",
                delivery.header("digest")
            ));
        }
        let mut lines = Vec::new();
        for name in covered {
            let value = if name == "(request-target)" {
                format!("{} {}", delivery.method.to_lowercase(), delivery.path)
            } else {
                delivery
                    .header(name)
                    .ok_or_else(|| format!("{name} is signed but not sent"))?
                    .to_owned()
            };
            lines.push(format!("{name}: {value}"));
        }
        let signature = field("signature")
            .and_then(|s| STANDARD.decode(s).ok())
            .ok_or_else(|| format!("signature: {header}"))?;
        self.verify(lines.join("\n").as_bytes(), &signature)
    }
}

fn sha256(body: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, body)
        .as_ref()
        .to_vec()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// One DER element at the start of `der`: its tag, its contents, and what follows it.
fn element(der: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = der[0];
    let (length, header) = match der[1] {
        short if short < 0x80 => (usize::from(short), 2),
        long => {
            let bytes = usize::from(long & 0x7f);
            let length = der[2..2 + bytes]
                .iter()
                .fold(0usize, |n, b| (n << 8) | usize::from(*b));
            (length, 2 + bytes)
        }
    };
    (tag, &der[header..header + length], &der[header + length..])
}

/// The modulus and exponent of an RSA SubjectPublicKeyInfo (or of a bare PKCS#1
/// RSAPublicKey), without leading zero bytes.
fn rsa_public_key(der: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let (_, sequence, _) = element(der);
    let (tag, first, rest) = element(sequence);
    let rsa_key = if tag == 0x30 {
        // SubjectPublicKeyInfo: the algorithm, then a BIT STRING holding RSAPublicKey.
        let (bit_string_tag, bits, _) = element(rest);
        assert_eq!(bit_string_tag, 0x03, "not a SubjectPublicKeyInfo");
        let (_, inner, _) = element(&bits[1..]);
        inner
    } else {
        let _ = first;
        sequence
    };
    let (_, n, rest) = element(rsa_key);
    let (_, e, _) = element(rest);
    let trim = |v: &[u8]| {
        v.iter()
            .position(|b| *b != 0)
            .map_or_else(Vec::new, |at| v[at..].to_vec())
    };
    (trim(n), trim(e))
}
