// Draws the tray icons as SVG and rasterises them with real Chromium, so the PNGs in this folder can be
// regenerated and reviewed: `node build/tray/render.mjs`. Each state has its own shape (circle + check,
// triangle + exclamation, octagon + cross) so it reads without colour, as macOS template images must.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchHeadlessChromium } from '../headless-chromium.mjs';

const here = import.meta.dirname;

// 16-unit drawings: an outer shape and the glyph inside it.
const shapes = {
  ok: {
    fill: '#1a7f37',
    glyphColour: '#ffffff',
    outer: '<circle cx="8" cy="8" r="7.25"/>',
    glyph: '<path d="M4.6 8.4 L7 10.7 L11.4 5.6" fill="none" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/>',
  },
  warning: {
    fill: '#d29922',
    glyphColour: '#1f2328',
    outer: '<path d="M8 1.2 L15.1 14.3 L0.9 14.3 Z" stroke-width="1.3" stroke-linejoin="round"/>',
    glyph: '<path d="M8 5.6 L8 9.6" fill="none" stroke-width="1.9" stroke-linecap="round"/><circle cx="8" cy="12" r="1.05"/>',
  },
  failed: {
    fill: '#cf222e',
    glyphColour: '#ffffff',
    outer: '<path d="M5.1 0.9 L10.9 0.9 L15.1 5.1 L15.1 10.9 L10.9 15.1 L5.1 15.1 L0.9 10.9 L0.9 5.1 Z"/>',
    glyph: '<path d="M5.4 5.4 L10.6 10.6 M10.6 5.4 L5.4 10.6" fill="none" stroke-width="1.9" stroke-linecap="round"/>',
  },
};

function colourSvg({ fill, glyphColour, outer, glyph }, px) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 16 16">
  <g fill="${fill}" stroke="${fill}">${outer}</g>
  <g fill="${glyphColour}" stroke="${glyphColour}">${glyph}</g></svg>`;
}

/** macOS template: black shape with the glyph cut out; the menu bar supplies the colour. */
function templateSvg({ outer, glyph }, px) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 16 16">
  <mask id="cut"><rect width="16" height="16" fill="white"/><g fill="black" stroke="black">${glyph}</g></mask>
  <g fill="#000" stroke="#000" mask="url(#cut)">${outer}</g></svg>`;
}

const outputs = Object.entries(shapes).flatMap(([state, shape]) => [
  { file: `${state}-16.png`, svg: colourSvg(shape, 16) },
  { file: `${state}-16@2x.png`, svg: colourSvg(shape, 32) },
  { file: `${state}-32.png`, svg: colourSvg(shape, 32) },
  { file: `${state}-32@2x.png`, svg: colourSvg(shape, 64) },
  { file: `${state}Template.png`, svg: templateSvg(shape, 16) },
  { file: `${state}Template@2x.png`, svg: templateSvg(shape, 32) },
]);

const { browser, close } = await launchHeadlessChromium();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { file, svg } of outputs) {
    const px = Number(/width="(\d+)"/.exec(svg)[1]);
    await page.setViewportSize({ width: px, height: px });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    writeFileSync(join(here, file), await page.locator('svg').screenshot({ omitBackground: true }));
    console.log(`${file} (${px}x${px})`);
  }
} finally {
  await close();
}
