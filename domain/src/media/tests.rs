//! Real pictures, made here, through the probe and the processing.

use std::io::Cursor;

use image::codecs::gif::{GifDecoder, GifEncoder};
use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::{
    AnimationDecoder, DynamicImage, Frame, ImageDecoder, ImageEncoder, Rgb, RgbImage, Rgba,
    RgbaImage,
};

use super::*;
use crate::DomainError;

/// The latitude written into test pictures; it must not survive processing.
const SECRET_LATITUDE: &[u8] = b"LAT:52.5200";

/// A big-endian TIFF block as JPEG's EXIF segment holds it: IFD0 with an Orientation and a
/// pointer to a GPS IFD, which holds a latitude reference and a marker string.
fn exif(orientation: u16) -> Vec<u8> {
    fn entry(tag: u16, kind: u16, count: u32, value: [u8; 4]) -> Vec<u8> {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    let marker_at = gps_ifd + 2 + 2 * 12 + 4;
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    let [hi, lo] = orientation.to_be_bytes();
    tiff.extend(entry(0x0112, SHORT, 1, [hi, lo, 0, 0]));
    tiff.extend(entry(0x8825, LONG, 1, gps_ifd.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, ASCII, 2, *b"N\0\0\0"));
    tiff.extend(entry(
        0x001B,
        ASCII,
        SECRET_LATITUDE.len() as u32,
        marker_at.to_be_bytes(),
    ));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(SECRET_LATITUDE);
    tiff
}

/// A `width` × `height` JPEG, red on the left half and blue on the right, with EXIF.
fn jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([255, 0, 0])
        } else {
            Rgb([0, 0, 255])
        }
    });
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(exif(orientation)).unwrap();
    encoder
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbaImage::from_pixel(width, height, Rgba([10, 200, 30, 128]));
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(picture)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header declares `width` × `height` pixels, followed by almost nothing.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 6, 0, 0, 0]);
    out.extend(13u32.to_be_bytes());
    out.extend(&chunk);
    out.extend(crc32(&chunk).to_be_bytes());
    let idat = b"IDATx\x9c\x63\x00\x00\x00\x01\x00\x01";
    out.extend(((idat.len() - 4) as u32).to_be_bytes());
    out.extend(idat);
    out.extend(crc32(idat).to_be_bytes());
    out
}

fn exif_of(jpeg: &[u8]) -> Option<Vec<u8>> {
    JpegDecoder::new(Cursor::new(jpeg))
        .unwrap()
        .exif_metadata()
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_jpeg_comes_back_without_its_gps_data() {
    let upload = jpeg(64, 32, 1);
    assert!(exif_of(&upload).is_some(), "the test picture carries EXIF");
    assert!(contains(&upload, SECRET_LATITUDE));

    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert_eq!(kept.kind, MediaKind::Jpeg);
    assert_eq!(exif_of(&kept.original), None);
    assert!(!contains(&kept.original, SECRET_LATITUDE));
    assert!(!contains(&kept.original, b"Exif\0\0"));
    assert!(!contains(&kept.thumbnail, SECRET_LATITUDE));
    assert_eq!((kept.width, kept.height), (64, 32));
}

#[test]
fn the_exif_orientation_is_applied() {
    // 6: the camera was turned a quarter clockwise; the picture is shown turned back.
    let kept = process(&jpeg(64, 32, 6), &MediaLimits::default()).unwrap();
    assert_eq!((kept.width, kept.height), (32, 64));
    let upright = image::load_from_memory(&kept.original).unwrap().to_rgb8();
    // Red was the left half; turned clockwise it is the top half.
    let top = upright.get_pixel(16, 4);
    let bottom = upright.get_pixel(16, 60);
    assert!(top[0] > 200 && top[2] < 60, "top is red: {top:?}");
    assert!(
        bottom[2] > 200 && bottom[0] < 60,
        "bottom is blue: {bottom:?}"
    );
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = png_declaring(100_000, 100_000);
    assert!(bomb.len() < 100, "the bomb itself is tiny");
    let error = process(&bomb, &MediaLimits::default()).unwrap_err();
    assert!(
        matches!(&error, DomainError::MediaTooLarge(m) if m.contains("100000 × 100000")),
        "{error}"
    );
    assert_eq!(error.code(), "MEDIA_TOO_LARGE");
}

#[test]
fn what_is_not_a_supported_picture_is_refused() {
    for upload in [
        b"%PDF-1.7\n".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
        b"II*\0\x08\0\0\0".to_vec(),
        Vec::new(),
    ] {
        let error = process(&upload, &MediaLimits::default()).unwrap_err();
        assert_eq!(error.code(), "UNSUPPORTED_MEDIA", "{error}");
    }
}

#[test]
fn a_truncated_or_corrupt_picture_gets_a_clear_error() {
    let whole = jpeg(256, 256, 1);
    let truncated = &whole[..whole.len() / 3];
    let error = process(truncated, &MediaLimits::default()).unwrap_err();
    assert_eq!(error.code(), "CORRUPT_MEDIA", "{error}");

    let mut garbled = png(32, 32);
    garbled.truncate(40);
    let error = process(&garbled, &MediaLimits::default()).unwrap_err();
    assert_eq!(error.code(), "CORRUPT_MEDIA", "{error}");
}

#[test]
fn limits_are_checked_before_decoding() {
    let upload = png(100, 100);
    let small = MediaLimits {
        max_bytes: upload.len() - 1,
        ..MediaLimits::default()
    };
    assert_eq!(
        probe(&upload, &small).unwrap_err().code(),
        "MEDIA_TOO_LARGE"
    );
    let few_pixels = MediaLimits {
        max_pixels: 9_999,
        ..MediaLimits::default()
    };
    assert_eq!(
        probe(&upload, &few_pixels).unwrap_err().code(),
        "MEDIA_TOO_LARGE"
    );
    assert_eq!(
        probe(&upload, &MediaLimits::default()).unwrap(),
        Probe {
            kind: MediaKind::Png,
            width: 100,
            height: 100
        }
    );
}

#[test]
fn big_pictures_are_bounded_and_thumbnailed() {
    let kept = process(&png(5000, 1000), &MediaLimits::default()).unwrap();
    assert_eq!((kept.width, kept.height), (MAX_SIDE, 819));
    let thumbnail = image::load_from_memory(&kept.thumbnail).unwrap();
    assert_eq!(
        (thumbnail.width(), thumbnail.height()),
        (THUMBNAIL_SIDE, 128)
    );
    assert_eq!(kept.thumbnail_kind, MediaKind::Png);
    assert!(
        image::load_from_memory(&kept.original)
            .unwrap()
            .color()
            .has_alpha(),
        "a PNG keeps its transparency"
    );
    assert!(kept.blurhash.len() >= 6, "{}", kept.blurhash);

    let small = process(&png(20, 10), &MediaLimits::default()).unwrap();
    let thumbnail = image::load_from_memory(&small.thumbnail).unwrap();
    assert_eq!((thumbnail.width(), thumbnail.height()), (20, 10));
}

#[test]
fn an_animated_gif_keeps_its_frames() {
    let mut upload = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut upload);
        let frames = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]]
            .map(|colour| Frame::new(RgbaImage::from_pixel(24, 16, Rgba(colour))));
        encoder.encode_frames(frames).unwrap();
    }
    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert!(kept.animated);
    assert_eq!(kept.kind, MediaKind::Gif);
    assert_eq!((kept.width, kept.height), (24, 16));
    let frames = GifDecoder::new(Cursor::new(&kept.original))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(frames.len(), 3);
    assert_eq!(kept.thumbnail_kind, MediaKind::Png);
    assert_eq!(
        image::guess_format(&kept.thumbnail).unwrap(),
        image::ImageFormat::Png
    );
}

#[test]
fn webp_is_accepted_and_re_encoded() {
    let picture = RgbaImage::from_pixel(30, 20, Rgba([1, 2, 3, 255]));
    let mut upload = Vec::new();
    DynamicImage::ImageRgba8(picture)
        .write_to(&mut Cursor::new(&mut upload), image::ImageFormat::WebP)
        .unwrap();
    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert_eq!(kept.kind, MediaKind::Webp);
    assert_eq!(kept.kind.mime_type(), "image/webp");
    assert_eq!((kept.width, kept.height), (30, 20));
}
