// A picture's blurred stand-in, drawn from its BlurHash onto a canvas (no inline styles).
import { useEffect, useRef } from 'react';
import { decodeBlurhash, isBlurhash } from '../lib/blurhash';

/** Pixels drawn; CSS stretches the canvas to its box. */
const SIZE = 32;

export function Blurhash({ hash, className }: { hash: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (context === null || context === undefined || !isBlurhash(hash)) return;
    const image = context.createImageData(SIZE, SIZE);
    image.data.set(decodeBlurhash(hash, SIZE, SIZE));
    context.putImageData(image, 0, 0);
  }, [hash]);
  return <canvas ref={canvas} className={className ?? 'blurhash'} width={SIZE} height={SIZE} aria-hidden="true" />;
}
