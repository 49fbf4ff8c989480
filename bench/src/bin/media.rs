//! `rookery-media`: a 12-megapixel JPEG (with EXIF) made into what Rookery keeps of it: the
//! original turned upright, stripped and bounded, a thumbnail and a blurhash.
//!
//! `rookery-media [--runs N]` prints p50 and p99 per picture, and pictures per second on one
//! core and on every core (as many as this machine has). Target: p50 ≤ 400 ms, printed as
//! met or missed; a miss makes the exit status non-zero. Run it on a release build:
//! `make bench-media`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, Rgb, RgbImage};
use rookery_bench::{Targets, cores, percentile_ms};
use rookery_domain::media::{MediaLimits, process};

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

fn runs() -> Result<usize> {
    let mut runs = 20;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().context("--runs needs a value")?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(runs)
}

/// A photo-like 12 MP JPEG: smooth gradients with fine texture, as a camera writes it, and
/// an EXIF block saying it was taken turned a quarter.
fn photo() -> Result<Vec<u8>> {
    let picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let texture = ((x * 7 + y * 13) % 17) as u8;
        Rgb([
            (x * 255 / WIDTH) as u8 ^ texture,
            (y * 255 / HEIGHT) as u8,
            ((x + y) % 256) as u8 / 2 + texture,
        ])
    });
    // Big-endian TIFF, IFD0 with one entry: Orientation = 6.
    let exif = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(exif)?;
    encoder.write_image(
        picture.as_raw(),
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(out)
}

fn main() -> Result<ExitCode> {
    let runs = runs()?;
    let upload = photo()?;
    println!(
        "rookery-media: a {WIDTH} × {HEIGHT} JPEG of {:.1} MiB, {runs} runs",
        upload.len() as f64 / 1024.0 / 1024.0
    );
    let limits = MediaLimits::default();
    let mut latencies: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let kept = process(&upload, &limits)?;
        latencies.push(started.elapsed());
        last = Some(kept);
    }
    latencies.sort();
    let kept = last.context("no run")?;
    println!(
        "kept:            {} × {} original of {:.1} MiB, thumbnail of {} KiB, blurhash {}",
        kept.width,
        kept.height,
        kept.original.len() as f64 / 1024.0 / 1024.0,
        kept.thumbnail.len() / 1024,
        kept.blurhash
    );
    let p50 = percentile_ms(&latencies, 0.50);
    println!(
        "per picture:     p50 {p50:.0} ms, p99 {:.0} ms",
        percentile_ms(&latencies, 0.99)
    );
    println!("one core:        {:.2} pictures/s", 1000.0 / p50);

    let cores = cores();
    let started = Instant::now();
    let per_core = runs.div_ceil(cores);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope
                    .spawn(|| (0..per_core).try_for_each(|_| process(&upload, &limits).map(|_| ())))
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| anyhow::anyhow!("a worker panicked"))?
                .map_err(anyhow::Error::from)
        })
    })?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{cores} cores:         {:.2} pictures/s ({:.2} per core)",
        (per_core * cores) as f64 / seconds,
        (per_core * cores) as f64 / seconds / cores as f64
    );
    println!();
    let mut targets = Targets::default();
    targets.at_most("p50 per picture", p50, 400.0, " ms");
    Ok(targets.exit_code())
}
