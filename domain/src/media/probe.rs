//! What an upload is, told from its bytes and its header alone, and whether it keeps the
//! limits: nothing is decoded here, so a decompression bomb costs nothing.

use std::io::Cursor;

use image::ImageReader;

use super::{MediaKind, MediaLimits};
use crate::{DomainError, DomainResult};

/// The most frames an animation may have.
pub const MAX_FRAMES: u32 = 1000;
/// The most decoded bytes all the frames of an animation may take together.
pub const MAX_ANIMATION_BYTES: u64 = 256 * 1024 * 1024;

/// An upload's kind and size, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub kind: MediaKind,
    pub width: u32,
    pub height: u32,
    /// How many frames it has: more than one for an animated GIF.
    pub frames: u32,
}

impl Probe {
    /// The most memory decoding it may take: every frame at 4 bytes a pixel, or a still
    /// picture at 16 bits a channel with alpha.
    pub fn decoded_bytes(&self) -> u64 {
        let pixels = u64::from(self.width) * u64::from(self.height);
        if self.frames > 1 {
            pixels * 4 * u64::from(self.frames)
        } else {
            pixels * 8
        }
    }
}

/// The frames of a GIF, counted by walking its blocks without decoding any; None when the
/// blocks do not hold together.
pub(super) fn gif_frames(bytes: &[u8]) -> Option<u32> {
    let flags = *bytes.get(10)?;
    let mut at = 13;
    if flags & 0x80 != 0 {
        at += 3 << ((flags & 0x07) + 1);
    }
    let skip_sub_blocks = |mut at: usize| -> Option<usize> {
        loop {
            let length = usize::from(*bytes.get(at)?);
            at += 1;
            if length == 0 {
                return Some(at);
            }
            at += length;
        }
    };
    let mut frames = 0u32;
    loop {
        match *bytes.get(at)? {
            0x3B => return Some(frames),
            0x21 => at = skip_sub_blocks(at + 2)?,
            0x2C => {
                let local = *bytes.get(at + 9)?;
                at += 10;
                if local & 0x80 != 0 {
                    at += 3 << ((local & 0x07) + 1);
                }
                at = skip_sub_blocks(at + 1)?;
                frames = frames.saturating_add(1);
            }
            _ => return None,
        }
    }
}

/// The kind of picture `bytes` hold, by their magic bytes (never by name or declared type).
fn kind_of(bytes: &[u8]) -> Option<MediaKind> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some(MediaKind::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(MediaKind::Png),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(MediaKind::Gif),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some(MediaKind::Webp),
        _ => None,
    }
}

/// Whether a JPEG's compressed data runs on to its end marker. A JPEG cut off in the middle
/// decodes without complaint, grey where its data stopped; it is refused instead.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xDA {
            // Inside the compressed data a 0xFF byte is followed by 0x00 or a restart
            // marker, so an end marker there is the real end.
            return bytes
                .get(at + 2 + length..)
                .is_some_and(|data| data.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        at += 2 + length;
    }
    false
}

/// Whether a file runs on to the end its format marks, so that a cut-off upload is
/// refused at once rather than failing later, in processing.
fn is_complete(kind: MediaKind, bytes: &[u8]) -> bool {
    match kind {
        MediaKind::Jpeg => jpeg_is_complete(bytes),
        // The last chunk is IEND: a zero length, its type and its CRC.
        MediaKind::Png => {
            bytes.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82])
        }
        // The trailer byte.
        MediaKind::Gif => bytes.last() == Some(&0x3B),
        // The RIFF header gives the length of the rest.
        MediaKind::Webp => bytes.get(4..8).is_some_and(|length| {
            let length = u32::from_le_bytes([length[0], length[1], length[2], length[3]]);
            usize::try_from(length).is_ok_and(|length| length + 8 <= bytes.len())
        }),
    }
}

/// Checks `bytes` against `limits` and reads what they are from the header.
pub fn probe(bytes: &[u8], limits: &MediaLimits) -> DomainResult<Probe> {
    if bytes.len() > limits.max_bytes {
        return Err(DomainError::MediaTooLarge(format!(
            "{} bytes, over the limit of {}",
            bytes.len(),
            limits.max_bytes
        )));
    }
    let kind = kind_of(bytes).ok_or_else(|| {
        DomainError::UnsupportedMedia("only JPEG, PNG, WebP and GIF pictures are accepted".into())
    })?;
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), kind.format())
        .into_dimensions()
        .map_err(|e| DomainError::CorruptMedia(e.to_string()))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(DomainError::MediaTooLarge(format!(
            "{width} × {height} pixels, over the limit of {}",
            limits.max_pixels
        )));
    }
    if !is_complete(kind, bytes) {
        return Err(DomainError::CorruptMedia(format!(
            "the {} file ends before its picture does",
            kind.name()
        )));
    }
    if pixels == 0 {
        return Err(DomainError::CorruptMedia(
            "the picture has no pixels".into(),
        ));
    }
    let frames = match kind {
        MediaKind::Gif => gif_frames(bytes).ok_or_else(|| {
            DomainError::CorruptMedia("the GIF's blocks do not hold together".into())
        })?,
        _ => 1,
    };
    if frames > MAX_FRAMES {
        return Err(DomainError::MediaTooLarge(format!(
            "{frames} frames, over the limit of {MAX_FRAMES}"
        )));
    }
    let probe = Probe {
        kind,
        width,
        height,
        frames,
    };
    if frames > 1 && probe.decoded_bytes() > MAX_ANIMATION_BYTES {
        return Err(DomainError::MediaTooLarge(format!(
            "the animation's frames take over {MAX_ANIMATION_BYTES} bytes"
        )));
    }
    Ok(probe)
}
