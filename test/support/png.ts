// Reading chart PNGs back in tests: decode, and measure whether an image is blank.
import { PNG } from 'pngjs';

export function decodePng(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

/** Standard deviation of the pixels' grey levels: a blank (one-colour) image has 0. */
export function greyDeviation(png: PNG): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const grey = (png.data[i]! + png.data[i + 1]! + png.data[i + 2]!) / 3;
    sum += grey;
    squares += grey * grey;
  }
  const pixels = png.width * png.height;
  return Math.sqrt(squares / pixels - (sum / pixels) ** 2);
}
