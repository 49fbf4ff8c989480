//! Pictures made for tests: JPEGs carrying EXIF orientation and GPS data, PNGs, and PNGs
//! that only claim to be huge.
#![allow(
    clippy::unwrap_used,
    reason = "test pictures: a failure is a broken test"
)]

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// The latitude written into test pictures; it must not survive processing.
pub const SECRET_LATITUDE: &[u8] = b"LAT:52.5200";

/// A big-endian TIFF block as JPEG's EXIF segment holds it: IFD0 with an Orientation and a
/// pointer to a GPS IFD, which holds a latitude reference and a marker string.
pub fn exif(orientation: u16) -> Vec<u8> {
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
pub fn jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
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

pub fn png(width: u32, height: u32) -> Vec<u8> {
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
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
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
