//! Mutations of an input: byte edits, words from the target's dictionary, splices with
//! other inputs, repeated runs (for nesting depth), and edits of a JSON document's tree.

use serde_json::{Map, Value};

use crate::rng::Rng;

/// Integers that sit on the edges parsers get wrong.
const EDGES: [u32; 16] = [
    0,
    1,
    0x7F,
    0x80,
    0xFF,
    0x100,
    0x3FFF,
    0x4000,
    0x7FFF,
    0x8000,
    0xFFFF,
    0x1_0000,
    0x7FFF_FFFF,
    0x8000_0000,
    0xFFFF_FFFE,
    0xFFFF_FFFF,
];

/// The longest input made; longer ones are cut.
pub const MAX_LEN: usize = 256 * 1024;

/// Applies one to four mutations to `input`, drawing words from `dictionary` and splices
/// from `corpus`.
pub fn mutate(input: &mut Vec<u8>, rng: &mut Rng, dictionary: &[&[u8]], corpus: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        mutate_once(input, rng, dictionary, corpus);
    }
    input.truncate(MAX_LEN);
}

fn mutate_once(input: &mut Vec<u8>, rng: &mut Rng, dictionary: &[&[u8]], corpus: &[Vec<u8>]) {
    let len = input.len();
    match rng.below(12) {
        0 if len > 0 => {
            let at = rng.below(len);
            input[at] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let at = rng.below(len);
            input[at] = rng.byte();
        }
        2 => {
            let at = rng.below(len + 1);
            let count = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..count).map(|_| rng.byte()).collect();
            input.splice(at..at, bytes);
        }
        3 if len > 0 => {
            let at = rng.below(len);
            let end = (at + 1 + rng.below(32)).min(len);
            input.drain(at..end);
        }
        4 | 5 => {
            if let Some(word) = rng.pick(dictionary) {
                let at = rng.below(len + 1);
                if rng.one_in(2) && at < len {
                    let end = (at + word.len()).min(len);
                    input.splice(at..end, word.iter().copied());
                } else {
                    input.splice(at..at, word.iter().copied());
                }
            }
        }
        6 if len >= 4 => {
            let edge = rng.pick(&EDGES).copied().unwrap_or_default();
            let bytes = match rng.below(4) {
                0 => edge.to_be_bytes().to_vec(),
                1 => edge.to_le_bytes().to_vec(),
                2 => u16::try_from(edge & 0xFFFF)
                    .unwrap_or_default()
                    .to_be_bytes()
                    .to_vec(),
                _ => u16::try_from(edge & 0xFFFF)
                    .unwrap_or_default()
                    .to_le_bytes()
                    .to_vec(),
            };
            let at = rng.below(len - bytes.len() + 1);
            input[at..at + bytes.len()].copy_from_slice(&bytes);
        }
        7 => {
            if let Some(other) = rng.pick(corpus).filter(|other| !other.is_empty()) {
                let from = rng.below(other.len());
                let to = (from + 1 + rng.below(other.len() - from)).min(other.len());
                let at = rng.below(len + 1);
                input.splice(at..at, other[from..to].iter().copied());
            }
        }
        8 if len > 0 => {
            // A run repeated many times: deep nesting, long lines.
            let at = rng.below(len);
            let end = (at + 1 + rng.below(8)).min(len);
            let run = input[at..end].to_vec();
            let times = [2, 16, 256, 4096, 50_000][rng.below(5)];
            let repeated: Vec<u8> = run
                .iter()
                .copied()
                .cycle()
                .take(run.len() * times)
                .collect();
            input.splice(at..at, repeated);
        }
        9 if len > 1 => {
            let at = rng.below(len);
            input.truncate(at);
        }
        10 | 11 => mutate_json(input, rng, dictionary),
        _ => input.push(rng.byte()),
    }
}

/// Replaces, removes or adds one node of `input` read as JSON (and leaves other inputs alone).
fn mutate_json(input: &mut Vec<u8>, rng: &mut Rng, dictionary: &[&[u8]]) {
    let Ok(mut document) = serde_json::from_slice::<Value>(input) else {
        return;
    };
    let words: Vec<String> = dictionary
        .iter()
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    let count = count_nodes(&document);
    let target = rng.below(count);
    let mut seen = 0;
    edit_node(&mut document, target, &mut seen, rng, &words);
    if let Ok(bytes) = serde_json::to_vec(&document) {
        *input = bytes;
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Edits the `target`-th node in depth-first order; true once it has.
fn edit_node(
    value: &mut Value,
    target: usize,
    seen: &mut usize,
    rng: &mut Rng,
    words: &[String],
) -> bool {
    if *seen == target {
        match value {
            Value::Object(map) if rng.one_in(2) => {
                let keys: Vec<String> = map.keys().cloned().collect();
                match (rng.below(3), rng.pick(&keys)) {
                    (0, Some(key)) => {
                        map.remove(key);
                    }
                    (1, Some(key)) => {
                        if let Some(moved) = map.remove(key) {
                            let name = rng.pick(words).cloned().unwrap_or_default();
                            map.insert(name, moved);
                        }
                    }
                    _ => {
                        let name = rng.pick(words).cloned().unwrap_or_default();
                        map.insert(name, random_value(rng, words, 3));
                    }
                }
            }
            Value::Array(items) if rng.one_in(2) && !items.is_empty() => {
                let at = rng.below(items.len());
                if rng.one_in(2) {
                    items.remove(at);
                } else {
                    let copy = items[at].clone();
                    items.push(copy);
                }
            }
            _ => *value = random_value(rng, words, 3),
        }
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|item| edit_node(item, target, seen, rng, words)),
        Value::Object(map) => map
            .values_mut()
            .any(|item| edit_node(item, target, seen, rng, words)),
        _ => false,
    }
}

fn random_value(rng: &mut Rng, words: &[String], depth: usize) -> Value {
    match rng.below(if depth == 0 { 7 } else { 10 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => Value::from(rng.next_u64()),
        3 => Value::from(-i64::try_from(rng.below(1 << 20)).unwrap_or_default()),
        4 => Value::from([0.5, -1e308, 1e308, 2.5e-300][rng.below(4)]),
        5 | 6 => {
            let word = rng.pick(words).cloned().unwrap_or_default();
            Value::String(if rng.one_in(8) {
                word.repeat(1 + rng.below(2_000))
            } else {
                word
            })
        }
        7 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, words, depth - 1))
                .collect(),
        ),
        8 => {
            let mut map = Map::new();
            for _ in 0..rng.below(4) {
                let key = rng.pick(words).cloned().unwrap_or_default();
                map.insert(key, random_value(rng, words, depth - 1));
            }
            Value::Object(map)
        }
        _ => {
            // Nesting deeper than any parser's limit.
            let mut nested = Value::String(rng.pick(words).cloned().unwrap_or_default());
            for _ in 0..1 + rng.below(300) {
                nested = Value::Array(vec![nested]);
            }
            nested
        }
    }
}
