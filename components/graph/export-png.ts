import { PALETTE, type Theme } from './graph-styles';
import { LEGEND_ITEMS, type LegendSwatch } from './legend-items';

/** Layout of the band under the graph, in CSS pixels (multiplied by the export scale). */
const BAND = { pad: 16, captionLine: 20, row: 22, gap: 28, swatch: 26, minWidth: 1080 } as const;
const LEGEND_FONT = '12px system-ui, sans-serif';

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the graph image did not load'));
    img.src = src;
  });
}

function drawSwatch(ctx: CanvasRenderingContext2D, swatch: LegendSwatch, x: number, y: number, c: (typeof PALETTE)[Theme]): void {
  // (x, y): left end of the swatch, vertically centred; units are CSS pixels (the context is scaled).
  ctx.save();
  ctx.setLineDash([]);
  ctx.lineWidth = 2;
  switch (swatch.kind) {
    case 'workload':
      ctx.beginPath();
      ctx.arc(x + 10, y, 7, 0, 2 * Math.PI);
      ctx.fillStyle = c.workload;
      ctx.fill();
      ctx.strokeStyle = c.workloadBorder;
      ctx.stroke();
      break;
    case 'gateway':
      ctx.beginPath();
      for (const [dx, dy] of [[-8, 0], [-4, -7], [4, -7], [8, 0], [4, 7], [-4, 7]] as const) ctx.lineTo(x + 10 + dx, y + dy);
      ctx.closePath();
      ctx.fillStyle = c.workloadBorder;
      ctx.fill();
      break;
    case 'host':
      if (swatch.border === 'filled') {
        ctx.fillStyle = c[swatch.color];
        ctx.fillRect(x, y - 7, 20, 14);
      } else {
        ctx.setLineDash(swatch.border === 'dashed' ? [4, 3] : swatch.border === 'dotted' ? [2, 2] : []);
        ctx.strokeStyle = c[swatch.color];
        ctx.strokeRect(x + 1, y - 6, 18, 12);
      }
      break;
    case 'split': {
      const step = (2 * Math.PI) / swatch.colors.length;
      swatch.colors.forEach((k, i) => {
        ctx.beginPath();
        ctx.moveTo(x + 10, y);
        ctx.arc(x + 10, y, 7, -Math.PI / 2 + i * step, -Math.PI / 2 + (i + 1) * step);
        ctx.closePath();
        ctx.fillStyle = c[k];
        ctx.fill();
      });
      break;
    }
    case 'line':
    case 'blocked':
      ctx.fillStyle = swatch.kind === 'blocked' ? c.blocked : c[swatch.color];
      ctx.fillRect(x, y - 1.5, 22, 3);
      if (swatch.kind === 'blocked') ctx.fillRect(x + 20, y - 6, 3, 12);
      break;
    case 'width':
      ctx.fillStyle = c.http;
      ctx.fillRect(x, y - 6, 22, 1);
      ctx.fillRect(x, y - 2, 22, 3);
      ctx.fillRect(x, y + 3, 22, 5);
      break;
  }
  ctx.restore();
}

/**
 * The exported picture: the graph (cytoscape's PNG at `scale`) above a band
 * with the caption (window, end time with its zone, filters) and the legend,
 * drawn on a canvas. Returns a PNG data URL.
 */
export async function composeExportPng(graphPng: string, caption: readonly string[], theme: Theme, scale: number): Promise<string> {
  const c = PALETTE[theme];
  const img = await loadImage(graphPng);
  const width = Math.max(img.naturalWidth / scale, BAND.minWidth);
  const canvas = document.createElement('canvas');
  const measure = canvas.getContext('2d');
  if (!measure) throw new Error('no 2D canvas');
  // Columns as wide as the longest entry, as many as fit: no entry is squeezed.
  measure.font = LEGEND_FONT;
  const column = BAND.swatch + 4 + Math.max(...LEGEND_ITEMS.map((item) => measure.measureText(item.label).width)) + BAND.gap;
  const columns = Math.max(1, Math.floor((width - 2 * BAND.pad) / column));
  const rows = Math.ceil(LEGEND_ITEMS.length / columns);
  const band = BAND.pad * 2 + caption.length * BAND.captionLine + 8 + rows * BAND.row;
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(img.naturalHeight + band * scale);
  // Resizing the canvas reset the context's state; it is the same context.
  const ctx = measure;
  ctx.fillStyle = theme === 'dark' ? '#020617' : '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, Math.round((canvas.width - img.naturalWidth) / 2), 0);
  ctx.scale(scale, scale);
  const top = img.naturalHeight / scale;
  ctx.fillStyle = c.nsBorder;
  ctx.fillRect(BAND.pad, top, width - 2 * BAND.pad, 1);
  ctx.textBaseline = 'middle';
  let y = top + BAND.pad + BAND.captionLine / 2;
  caption.forEach((line, i) => {
    ctx.font = `${i === 0 ? 'bold ' : ''}14px system-ui, sans-serif`;
    ctx.fillStyle = i === 0 ? c.text : c.muted;
    ctx.fillText(line, BAND.pad, y, width - 2 * BAND.pad);
    y += BAND.captionLine;
  });
  y += 8;
  ctx.font = LEGEND_FONT;
  LEGEND_ITEMS.forEach((item, i) => {
    // Down each column first, as the page's legend reads.
    const x = BAND.pad + Math.floor(i / rows) * column;
    const rowY = y + (i % rows) * BAND.row;
    drawSwatch(ctx, item.swatch, x, rowY, c);
    ctx.fillStyle = c.text;
    ctx.fillText(item.label, x + BAND.swatch + 4, rowY);
  });
  return canvas.toDataURL('image/png');
}
