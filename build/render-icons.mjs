// Renders build/icon.svg to build/icon.png (512x512, transparent corners) with a real Chromium; electron-builder
// derives the macOS .icns, Windows .ico and Linux icon sizes from that PNG.
// Usage: node build/render-icons.mjs [--preview <dir>]  (the preview also writes 16, 32 and 64 px copies to look at)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchHeadlessChromium } from './headless-chromium.mjs';

const here = import.meta.dirname;
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const previewIndex = process.argv.indexOf('--preview');
const previewDir = previewIndex > 0 ? process.argv[previewIndex + 1] : undefined;

const { browser, close } = await launchHeadlessChromium();
try {
  const previews = previewDir ? [16, 32, 64].map((size) => [size, join(previewDir, `icon-${size}.png`)]) : [];
  const sizes = [[512, join(here, 'icon.png')], ...previews];
  for (const [size, path] of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`wrote ${path}`);
  }
} finally {
  await close();
}
