//! QR codes drawn as SVG: one path of dark squares inside a four-module quiet zone.

use std::fmt::Write;

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone around a code, in modules, as the standard asks.
const BORDER: i32 = 4;

/// `text` as a QR code in SVG, or None when it is too long for one.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size() + BORDER * 2;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + BORDER, y + BORDER);
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_square_code_with_its_quiet_zone() {
        let svg = svg("otpauth://totp/example?secret=JBSWY3DPEHPK3PXP").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        // Version 3 or 4 at this length: 29 or 33 modules, plus the border on each side.
        let side: i32 = svg["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((29 + 8..=33 + 8).contains(&side), "{side}");
        // The finder pattern's corner module is dark.
        assert!(svg.contains("M4,4h1v1h-1z"));
        assert!(svg.contains("M5,4h1v1h-1z"));
    }

    #[test]
    fn refuses_text_too_long_for_a_code() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
