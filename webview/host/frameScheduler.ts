// Progress arrives several times a second; drawing once per animation frame at most keeps the panel cheap, and a
// hidden panel (no frames) does no drawing work at all.
export function createFrameScheduler(draw: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };
}
