package org.lungprep.segment;

/**
 * Exact squared Euclidean distance transform of a binary 2-D grid with anisotropic pixel size. First, per column, the
 * distance in rows to the nearest feature pixel (two linear sweeps over whole rows, so memory is read in order); then,
 * per row, the lower envelope of the parabolas of the columns (Felzenszwalb and Huttenlocher), built only from columns
 * that have a feature at all.
 */
final class Distance2D {

	static final double INF = 1e20;

	private Distance2D() { }

	/**
	 * @param feature true where the distance is 0
	 * @param w width
	 * @param h height
	 * @param sx pixel width (mm)
	 * @param sy pixel height (mm)
	 * @return squared distance (mm^2) to the nearest feature pixel, for every pixel; {@link #INF} without features
	 */
	static double[] squared(final boolean[] feature, final int w, final int h, final double sx, final double sy) {
		// 1. rows to the nearest feature in the same column (none: a value larger than any real one)
		final int none = Integer.MAX_VALUE / 4;
		final int[] g = new int[w * h];
		for (int x = 0; x < w; x++)
			g[x] = feature[x] ? 0 : none;
		for (int y = 1; y < h; y++) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				g[o + x] = feature[o + x] ? 0 : Math.min(none, g[o - w + x] + 1);
		}
		for (int y = h - 2; y >= 0; y--) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				g[o + x] = Math.min(g[o + x], g[o + w + x] + 1);
		}
		// 2. per row: lower envelope of parabolas (x - q)^2 sx^2 + f(q) over the columns q with a feature
		final double[] d = new double[w * h];
		final double[] f = new double[w], z = new double[w + 1];
		final int[] v = new int[w];
		final double sx2 = sx * sx, sy2 = sy * sy;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int k = -1;
			for (int q = 0; q < w; q++) {
				final int gq = g[o + q];
				if (gq >= none) continue;
				f[q] = sy2 * gq * gq;
				if (k < 0) {
					k = 0;
					v[0] = q;
					z[0] = -INF;
					z[1] = INF;
					continue;
				}
				double s = intersection(f, q, v[k], sx2);
				// z[0] is -infinity, so this stops at k = 0 at the latest
				while (s <= z[k]) {
					k--;
					s = intersection(f, q, v[k], sx2);
				}
				k++;
				v[k] = q;
				z[k] = s;
				z[k + 1] = INF;
			}
			if (k < 0) {
				java.util.Arrays.fill(d, o, o + w, INF);
				continue;
			}
			k = 0;
			for (int q = 0; q < w; q++) {
				while (z[k + 1] < q) k++;
				final double dq = sx * (q - v[k]);
				d[o + q] = dq * dq + f[v[k]];
			}
		}
		return d;
	}

	private static double intersection(final double[] f, final int q, final int p, final double s2) {
		return ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
	}
}
