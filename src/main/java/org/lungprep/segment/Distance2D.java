package org.lungprep.segment;

/**
 * Dilation of a binary 2-D grid by a disk given in millimetres, with anisotropic pixel size, exactly (a pixel is in the
 * dilation when some feature pixel lies within the radius) and in linear time: first, per column, the distance in rows
 * to the nearest feature pixel (two sweeps over whole rows, so memory is read in order); then, per row, every column
 * with a feature at row distance g covers the columns within the disk's half-width at that height, and two sweeps (the
 * furthest reach from the left, the furthest from the right) mark the union of those intervals.
 */
final class Distance2D {

	private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[0]);

	private Distance2D() { }

	/**
	 * @param feature the pixels to dilate
	 * @param w width
	 * @param h height
	 * @param sx pixel width (mm)
	 * @param sy pixel height (mm)
	 * @param r radius (mm)
	 * @return true where (sx dx)^2 + (sy dy)^2 &le; r^2 for some feature pixel at offset (dx, dy)
	 */
	static boolean[] within(final boolean[] feature, final int w, final int h, final double sx, final double sy, final double r) {
		return withinSquared(feature, w, h, sx, sy, r * r);
	}

	/** As {@link #within} for the squared radius r2 (mm^2), which is compared as it is. */
	static boolean[] withinSquared(final boolean[] feature, final int w, final int h, final double sx, final double sy, final double r2) {
		final int[] half = halfWidths(sx, sy, r2);
		final int gMax = half.length - 1;
		// rows to the nearest feature in the same column, capped at gMax (which never reaches: half[gMax] is -1); in a
		// per-thread array reused from call to call (each slice of a volume calls this; a new array each time was
		// hundreds of MB of garbage per volume)
		int[] g = SCRATCH.get();
		if (g.length < w * h) SCRATCH.set(g = new int[w * h]);
		for (int x = 0; x < w; x++)
			g[x] = feature[x] ? 0 : gMax;
		for (int y = 1; y < h; y++) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				g[o + x] = feature[o + x] ? 0 : Math.min(gMax, g[o - w + x] + 1);
		}
		for (int y = h - 2; y >= 0; y--) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				g[o + x] = Math.min(g[o + x], g[o + w + x] + 1);
		}
		final boolean[] out = new boolean[w * h];
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int right = -1;
			for (int x = 0; x < w; x++) {
				right = Math.max(right, x + half[g[o + x]]);
				if (right >= x) out[o + x] = true;
			}
			int left = w;
			for (int x = w - 1; x >= 0; x--) {
				final int hw = half[g[o + x]];
				if (hw >= 0) left = Math.min(left, x - hw);
				if (left <= x) out[o + x] = true;
			}
		}
		return out;
	}

	/**
	 * The disk of squared radius r2 (mm^2) row by row: element g is the largest column offset k with
	 * (sx k)^2 + (sy g)^2 &le; r2, the last element (the first row distance out of reach) is -1.
	 */
	static int[] halfWidths(final double sx, final double sy, final double r2) {
		final double sy2 = sy * sy;
		// half[g]: the largest column offset k with (sx k)^2 + sy^2 g^2 <= r^2, -1 when even k = 0 is too far
		int gMax = (int) Math.floor(Math.sqrt(r2) / sy) + 1;
		while (sy2 * gMax * gMax <= r2) gMax++;
		final int[] half = new int[gMax + 1];
		for (int g = 0; g <= gMax; g++) {
			final double f = sy2 * g * g;
			if (f > r2) {
				half[g] = -1;
				continue;
			}
			int k = (int) Math.floor(Math.sqrt(r2 - f) / sx);
			while (k > 0 && reach(sx, k, f) > r2) k--;
			while (reach(sx, k + 1, f) <= r2) k++;
			half[g] = k;
		}
		return half;
	}

	/** Squared distance to a point k columns away and at squared vertical distance f, computed the same way everywhere. */
	private static double reach(final double sx, final int k, final double f) {
		final double dq = sx * k;
		return dq * dq + f;
	}
}
