//! The versions of a picture that are kept: turned upright, stripped of EXIF, GPS and every
//! other metadata by re-encoding, bounded in size, thumbnailed and summed up as a blurhash.

use std::io::Cursor;

use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{AnimationDecoder, DynamicImage, Frame, ImageDecoder, ImageReader, Limits};

use super::probe::{MAX_ANIMATION_BYTES, MAX_FRAMES};
use super::{MAX_SIDE, MediaKind, MediaLimits, THUMBNAIL_SIDE, probe};
use crate::{DomainError, DomainResult};

/// JPEG quality of re-encoded pictures.
const JPEG_QUALITY: u8 = 85;

/// A picture as it is kept.
#[derive(Debug, Clone)]
pub struct Processed {
    pub kind: MediaKind,
    /// Upright, without metadata, at most [`MAX_SIDE`] on its longest side (animations
    /// keep their size and every frame).
    pub original: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// At most [`THUMBNAIL_SIDE`] on its longest side; of the original's kind, except an
    /// animation's, which is a PNG of its first frame.
    pub thumbnail: Vec<u8>,
    pub thumbnail_kind: MediaKind,
    pub blurhash: String,
    pub animated: bool,
}

fn corrupt(error: image::ImageError) -> DomainError {
    match error {
        image::ImageError::Limits(limit) => DomainError::MediaTooLarge(limit.to_string()),
        other => DomainError::CorruptMedia(other.to_string()),
    }
}

fn decode_limits(limits: &MediaLimits) -> Limits {
    let mut decode = Limits::default();
    // Room for the largest allowed picture at 16 bits per channel with alpha.
    decode.max_alloc = Some(limits.max_pixels.saturating_mul(8));
    decode
}

/// Checks `bytes` and makes the versions of the picture that are kept.
pub fn process(bytes: &[u8], limits: &MediaLimits) -> DomainResult<Processed> {
    let probe = probe(bytes, limits)?;
    if probe.kind == MediaKind::Gif {
        let frames = gif_frames(bytes, limits)?;
        if frames.len() > 1 {
            return animation(frames);
        }
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), probe.kind.format());
    reader.limits(decode_limits(limits));
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle);
    }
    let thumbnail = shrunk(&picture, THUMBNAIL_SIDE);
    Ok(Processed {
        kind: probe.kind,
        original: encode(&picture, probe.kind)?,
        width: picture.width(),
        height: picture.height(),
        thumbnail: encode(&thumbnail, probe.kind)?,
        thumbnail_kind: probe.kind,
        blurhash: blurhash_of(&thumbnail)?,
        animated: false,
    })
}

/// `picture` made to fit `side` × `side`, never enlarged.
fn shrunk(picture: &DynamicImage, side: u32) -> DynamicImage {
    if picture.width().max(picture.height()) > side {
        picture.thumbnail(side, side)
    } else {
        picture.clone()
    }
}

/// Every frame of a GIF, within the limits.
fn gif_frames(bytes: &[u8], limits: &MediaLimits) -> DomainResult<Vec<Frame>> {
    let mut decoder = GifDecoder::new(Cursor::new(bytes)).map_err(corrupt)?;
    decoder.set_limits(decode_limits(limits)).map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    let frame_bytes = u64::from(width) * u64::from(height) * 4;
    let mut frames = Vec::new();
    for frame in decoder.into_frames() {
        if (frames.len() as u64 + 1) * frame_bytes > MAX_ANIMATION_BYTES
            || frames.len() >= MAX_FRAMES as usize
        {
            return Err(DomainError::MediaTooLarge(format!(
                "the animation's frames take over {MAX_ANIMATION_BYTES} bytes"
            )));
        }
        frames.push(frame.map_err(corrupt)?);
    }
    Ok(frames)
}

/// An animated GIF, re-encoded frame by frame (which drops its comments and extensions).
fn animation(frames: Vec<Frame>) -> DomainResult<Processed> {
    let first = DynamicImage::ImageRgba8(
        frames
            .first()
            .map(|f| f.buffer().clone())
            .ok_or_else(|| DomainError::CorruptMedia("an animation without frames".into()))?,
    );
    let mut original = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(&mut original, 10);
        encoder.set_repeat(Repeat::Infinite).map_err(corrupt)?;
        encoder.encode_frames(frames).map_err(corrupt)?;
    }
    let thumbnail = shrunk(&first, THUMBNAIL_SIDE);
    Ok(Processed {
        kind: MediaKind::Gif,
        original,
        width: first.width(),
        height: first.height(),
        thumbnail: encode(&thumbnail, MediaKind::Png)?,
        thumbnail_kind: MediaKind::Png,
        blurhash: blurhash_of(&thumbnail)?,
        animated: true,
    })
}

/// `picture` encoded as `kind`, with no metadata at all.
fn encode(picture: &DynamicImage, kind: MediaKind) -> DomainResult<Vec<u8>> {
    let mut out = Vec::new();
    let written = match kind {
        MediaKind::Jpeg => {
            let rgb = picture.to_rgb8();
            let side = |n: u32| {
                u16::try_from(n)
                    .map_err(|_| DomainError::Internal(format!("a {n} pixel side for JPEG")))
            };
            jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY)
                .encode(
                    rgb.as_raw(),
                    side(rgb.width())?,
                    side(rgb.height())?,
                    jpeg_encoder::ColorType::Rgb,
                )
                .map_err(|e| DomainError::Internal(format!("encoding a JPEG: {e}")))?;
            return Ok(out);
        }
        MediaKind::Png => picture.write_with_encoder(PngEncoder::new(&mut out)),
        MediaKind::Webp => DynamicImage::ImageRgba8(picture.to_rgba8())
            .write_with_encoder(WebPEncoder::new_lossless(&mut out)),
        MediaKind::Gif => {
            GifEncoder::new_with_speed(&mut out, 10).encode_frame(Frame::new(picture.to_rgba8()))
        }
    };
    written.map_err(|e| DomainError::Internal(format!("encoding a picture: {e}")))?;
    Ok(out)
}

/// The blurhash clients show while the picture loads.
fn blurhash_of(picture: &DynamicImage) -> DomainResult<String> {
    let small = shrunk(picture, 32).to_rgba8();
    blurhash::encode(4, 4, small.width(), small.height(), small.as_raw())
        .map_err(|e| DomainError::Internal(format!("blurhash: {e}")))
}
