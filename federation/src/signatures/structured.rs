//! The parts of RFC 8941 structured fields that signature headers use: dictionaries of inner
//! lists and items, with parameters, parsed and serialised.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// A bare item (decimals are not used by signatures and are refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bare {
    Integer(i64),
    String(String),
    Token(String),
    Bytes(Vec<u8>),
    Boolean(bool),
}

pub type Parameters = Vec<(String, Bare)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub bare: Bare,
    pub parameters: Parameters,
}

/// A dictionary member's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    Item(Item),
    InnerList(Vec<Item>, Parameters),
}

/// A dictionary, in order; a repeated key keeps its first place and its last value.
pub fn parse_dictionary(input: &str) -> Result<Vec<(String, Member)>, String> {
    let mut parser = Parser {
        input: input.as_bytes(),
        at: 0,
    };
    let mut members: Vec<(String, Member)> = Vec::new();
    parser.skip(b' ');
    while !parser.done() {
        let key = parser.key()?;
        let member = if parser.eat(b'=') {
            if parser.peek() == Some(b'(') {
                let (items, parameters) = parser.inner_list()?;
                Member::InnerList(items, parameters)
            } else {
                Member::Item(parser.item()?)
            }
        } else {
            Member::Item(Item {
                bare: Bare::Boolean(true),
                parameters: parser.parameters()?,
            })
        };
        match members.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = member,
            None => members.push((key, member)),
        }
        parser.skip_ows();
        if parser.done() {
            break;
        }
        if !parser.eat(b',') {
            return Err(format!("expected a comma at {}", parser.at));
        }
        parser.skip_ows();
        if parser.done() {
            return Err("a trailing comma".into());
        }
    }
    Ok(members)
}

/// Serialises an inner list with its parameters, as `@signature-params` shows it.
pub fn serialize_inner_list(items: &[Item], parameters: &[(String, Bare)]) -> String {
    let items: Vec<String> = items.iter().map(serialize_item).collect();
    format!("({}){}", items.join(" "), serialize_parameters(parameters))
}

fn serialize_item(item: &Item) -> String {
    format!(
        "{}{}",
        serialize_bare(&item.bare),
        serialize_parameters(&item.parameters)
    )
}

fn serialize_parameters(parameters: &[(String, Bare)]) -> String {
    parameters
        .iter()
        .map(|(key, value)| match value {
            Bare::Boolean(true) => format!(";{key}"),
            other => format!(";{key}={}", serialize_bare(other)),
        })
        .collect()
}

pub fn serialize_bare(bare: &Bare) -> String {
    match bare {
        Bare::Integer(n) => n.to_string(),
        Bare::String(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        Bare::Token(t) => t.clone(),
        Bare::Bytes(b) => format!(":{}:", STANDARD.encode(b)),
        Bare::Boolean(true) => "?1".into(),
        Bare::Boolean(false) => "?0".into(),
    }
}

struct Parser<'a> {
    input: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn done(&self) -> bool {
        self.at >= self.input.len()
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn skip(&mut self, byte: u8) {
        while self.eat(byte) {}
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn take_while(&mut self, accept: impl Fn(u8) -> bool) -> &str {
        let start = self.at;
        while self.peek().is_some_and(&accept) {
            self.at += 1;
        }
        // Only ASCII bytes are ever accepted.
        std::str::from_utf8(&self.input[start..self.at]).unwrap_or_default()
    }

    fn key(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(b'a'..=b'z' | b'*') => {}
            _ => return Err(format!("expected a key at {}", self.at)),
        }
        Ok(self
            .take_while(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'.' | b'*'))
            .to_owned())
    }

    fn parameters(&mut self) -> Result<Parameters, String> {
        let mut parameters: Parameters = Vec::new();
        while self.eat(b';') {
            self.skip(b' ');
            let key = self.key()?;
            let value = if self.eat(b'=') {
                self.bare()?
            } else {
                Bare::Boolean(true)
            };
            match parameters.iter_mut().find(|(k, _)| *k == key) {
                Some(existing) => existing.1 = value,
                None => parameters.push((key, value)),
            }
        }
        Ok(parameters)
    }

    fn item(&mut self) -> Result<Item, String> {
        let bare = self.bare()?;
        Ok(Item {
            bare,
            parameters: self.parameters()?,
        })
    }

    fn inner_list(&mut self) -> Result<(Vec<Item>, Parameters), String> {
        self.eat(b'(');
        let mut items = Vec::new();
        loop {
            self.skip(b' ');
            if self.eat(b')') {
                return Ok((items, self.parameters()?));
            }
            items.push(self.item()?);
            match self.peek() {
                Some(b' ' | b')') => {}
                _ => return Err(format!("an inner list is not closed at {}", self.at)),
            }
        }
    }

    fn bare(&mut self) -> Result<Bare, String> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.integer(),
            Some(b'"') => self.string(),
            Some(b':') => self.bytes(),
            Some(b'?') => {
                self.at += 1;
                match self.peek() {
                    Some(b'0') => {
                        self.at += 1;
                        Ok(Bare::Boolean(false))
                    }
                    Some(b'1') => {
                        self.at += 1;
                        Ok(Bare::Boolean(true))
                    }
                    _ => Err(format!("a bad boolean at {}", self.at)),
                }
            }
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'*') => {
                let token = self
                    .take_while(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&b));
                Ok(Bare::Token(token.to_owned()))
            }
            _ => Err(format!("expected an item at {}", self.at)),
        }
    }

    fn integer(&mut self) -> Result<Bare, String> {
        let negative = self.eat(b'-');
        let digits = self.take_while(|b| b.is_ascii_digit()).to_owned();
        if digits.is_empty() || digits.len() > 15 || self.peek() == Some(b'.') {
            return Err(format!("a bad integer at {}", self.at));
        }
        let value: i64 = digits.parse().map_err(|_| "a bad integer".to_owned())?;
        Ok(Bare::Integer(if negative { -value } else { value }))
    }

    fn string(&mut self) -> Result<Bare, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err("a string is not closed".into()),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Bare::String(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => out.push(char::from(c)),
                        _ => return Err(format!("a bad escape at {}", self.at)),
                    }
                    self.at += 1;
                }
                Some(c @ 0x20..=0x7e) => {
                    out.push(char::from(c));
                    self.at += 1;
                }
                Some(_) => return Err(format!("a bad character at {}", self.at)),
            }
        }
    }

    fn bytes(&mut self) -> Result<Bare, String> {
        self.at += 1;
        let encoded = self
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            .to_owned();
        if !self.eat(b':') {
            return Err(format!("a byte sequence is not closed at {}", self.at));
        }
        STANDARD
            .decode(encoded)
            .map(Bare::Bytes)
            .map_err(|_| "a bad byte sequence".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_input_parses_and_serialises_back() {
        let input = r#"sig1=("@method" "@target-uri" "content-digest");created=1618884473;keyid="test-key-rsa-v1_5-sha256", sig2=();tag=x;flag"#;
        let members = parse_dictionary(input).unwrap();
        assert_eq!(members.len(), 2);
        let Member::InnerList(items, parameters) = &members[0].1 else {
            panic!("not an inner list");
        };
        assert_eq!(
            serialize_inner_list(items, parameters),
            r#"("@method" "@target-uri" "content-digest");created=1618884473;keyid="test-key-rsa-v1_5-sha256""#
        );
        let Member::InnerList(items, parameters) = &members[1].1 else {
            panic!("not an inner list");
        };
        assert_eq!(serialize_inner_list(items, parameters), "();tag=x;flag");
    }

    #[test]
    fn byte_sequences_and_garbage() {
        let members = parse_dictionary("sha-256=:AAEC:, sha-512=:/w==:").unwrap();
        assert_eq!(
            members[0],
            (
                "sha-256".into(),
                Member::Item(Item {
                    bare: Bare::Bytes(vec![0, 1, 2]),
                    parameters: vec![]
                })
            )
        );
        for bad in [
            "Sig=()",
            "sig1=(\"a\"",
            "sig1=:AAEC",
            "sig1=\"unclosed",
            "sig1=1.5",
            "sig1=(), ",
            "sig1=() sig2=()",
            "sig1=\"\u{e9}\"",
            "sig1=99999999999999999",
        ] {
            assert!(parse_dictionary(bad).is_err(), "{bad}");
        }
    }
}
