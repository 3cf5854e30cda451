package org.lungprep.segment;


import org.lungprep.core.Connectivity;
import org.lungprep.core.Parallel;


/** Per-slice, per-lung hole filling, closing and dilation (slices in parallel). */
final class Filling {

	private Filling() { }

	/** Fills holes and closes each lung per slice; never where {@code excluded} (the airway) is set (null planes: none). */
	static void fillAndClose(final byte[][] labels, final byte[][] excluded, final int nx, final int ny, final double sx, final double sy,
		final double closingMm)
	{
		forEachSlice(labels, (z) -> {
			for (final byte label : new byte[] { 1, 2 })
				fillAndClose(labels[z], excluded[z], nx, ny, sx, sy, closingMm, label);
		});
	}

	/** Adds a margin of mm around each lung per slice; never where {@code excluded} is set. */
	static void dilate(final byte[][] labels, final byte[][] excluded, final int nx, final int ny, final double sx, final double sy, final double mm) {
		forEachSlice(labels, (z) -> {
			final byte[] p = labels[z], ex = excluded[z];
			for (final byte label : new byte[] { 1, 2 }) {
				final int[] box = box(p, nx, ny, label, (int) Math.ceil(mm / Math.min(sx, sy)) + 2);
				if (box == null) continue;
				final int w = box[2] - box[0], h = box[3] - box[1];
				final boolean[] fg = crop(p, nx, box, label);
				final boolean[] near = Distance2D.within(fg, w, h, sx, sy, mm);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						final int ix = x + box[0], iy = y + box[1];
						if (ix < 0 || iy < 0 || ix >= nx || iy >= ny) continue;
						final int i = iy * nx + ix;
						if (p[i] == 0 && (ex == null || ex[i] == 0) && near[y * w + x]) p[i] = label;
					}
			}
		});
	}

	private static void fillAndClose(final byte[] p, final byte[] ex, final int nx, final int ny, final double sx, final double sy,
		final double closingMm, final byte label)
	{
		final int[] box = box(p, nx, ny, label, (int) Math.ceil(closingMm / Math.min(sx, sy)) + 2);
		if (box == null) return;
		final int w = box[2] - box[0], h = box[3] - box[1];
		final boolean[] fg = crop(p, nx, box, label);
		final boolean[] filled = fg.clone();
		if (closingMm > 0) {
			// closing: dilate by the disk, then erode (what stays further than the radius from outside the dilation)
			final boolean[] dilated = Distance2D.within(fg, w, h, sx, sy, closingMm);
			final boolean[] outsideDilated = new boolean[fg.length];
			for (int i = 0; i < fg.length; i++)
				outsideDilated[i] = !dilated[i];
			final boolean[] nearOutside = Distance2D.within(outsideDilated, w, h, sx, sy, closingMm);
			for (int i = 0; i < fg.length; i++)
				if (!nearOutside[i]) filled[i] = true;
		}
		// holes: background regions of the crop not connected to its border
		final byte[] background = new byte[fg.length];
		for (int i = 0; i < fg.length; i++)
			background[i] = (byte) (filled[i] ? 0 : 1);
		final ConnectedComponents.Result cc = ConnectedComponents.label(new byte[][] { background }, w, h, Connectivity.FOUR);
		final boolean[] hole = new boolean[cc.count() + 1];
		for (int l = 1; l <= cc.count(); l++) {
			final int[] b = cc.boundingBox(l);
			hole[l] = b[0] > 0 && b[1] > 0 && b[3] < w - 1 && b[4] < h - 1;
		}
		final byte[] holes = new byte[fg.length];
		cc.paintPlane(holes, hole, (byte) 1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int ix = x + box[0], iy = y + box[1];
				if (ix < 0 || iy < 0 || ix >= nx || iy >= ny) continue;
				final int c = y * w + x;
				final int i = iy * nx + ix;
				if (p[i] == 0 && (ex == null || ex[i] == 0) && (filled[c] || holes[c] != 0)) p[i] = label;
			}
	}

	/** @return {x0, y0, x1, y1} (exclusive ends) of the label in the slice grown by margin, clipped; null when absent */
	private static int[] box(final byte[] p, final int nx, final int ny, final byte label, final int margin) {
		int x0 = nx, y0 = ny, x1 = -1, y1 = -1;
		for (int y = 0, o = 0; y < ny; y++, o += nx) {
			// the row's first and last pixel of the label, if any (empty stretches skipped eight bytes at a time)
			int a = Runs.firstSet(p, o, o + nx);
			while (a < o + nx && p[a] != label)
				a = p[a] != 0 ? a + 1 : Runs.firstSet(p, a, o + nx);
			if (a == o + nx) continue;
			int b = o + nx - 1;
			while (p[b] != label)
				b--;
			x0 = Math.min(x0, a - o);
			x1 = Math.max(x1, b - o);
			if (y0 == ny) y0 = y;
			y1 = y;
		}
		if (x1 < 0) return null;
		// not clipped to the image: pixels beyond its edge count as background, so closing never grows into the edge
		return new int[] { x0 - margin, y0 - margin, x1 + margin + 1, y1 + margin + 1 };
	}

	private static boolean[] crop(final byte[] p, final int nx, final int[] box, final byte label) {
		final int w = box[2] - box[0], h = box[3] - box[1];
		final boolean[] fg = new boolean[w * h];
		final int ny = p.length / nx;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int ix = x + box[0], iy = y + box[1];
				fg[y * w + x] = ix >= 0 && iy >= 0 && ix < nx && iy < ny && p[iy * nx + ix] == label;
			}
		return fg;
	}

	private static void forEachSlice(final byte[][] labels, final java.util.function.IntConsumer work) {
		Parallel.forEach(labels.length, work::accept);
	}
}
