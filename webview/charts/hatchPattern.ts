// A diagonal hatch to fill an area with. High-contrast themes need areas that stay readable over the lines they
// cover: a solid fill in a bright colour hides them, and a faint one disappears on black.
import { withAlpha } from '../theme/themeColors';

const TILE_PX = 8;

export function hatchPattern(color: string, alpha = 0.7): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = TILE_PX;
  tile.height = TILE_PX;
  const ctx = tile.getContext('2d');
  if (!ctx) return withAlpha(color, 0.15);
  ctx.strokeStyle = withAlpha(color, alpha);
  ctx.lineWidth = 1;
  // One line corner to corner plus the two corner pieces, so tiles join into unbroken diagonals.
  ctx.beginPath();
  ctx.moveTo(0, TILE_PX);
  ctx.lineTo(TILE_PX, 0);
  ctx.moveTo(-1, 1);
  ctx.lineTo(1, -1);
  ctx.moveTo(TILE_PX - 1, TILE_PX + 1);
  ctx.lineTo(TILE_PX + 1, TILE_PX - 1);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? withAlpha(color, 0.15);
}
