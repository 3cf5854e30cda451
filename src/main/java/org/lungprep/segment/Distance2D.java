package org.lungprep.segment;

/**
 * Exact squared Euclidean distance transform of a 2-D grid with anisotropic pixel size (Felzenszwalb and Huttenlocher's
 * lower envelope of parabolas, one pass per axis).
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
	 * @return squared distance (mm^2) to the nearest feature pixel, for every pixel
	 */
	static double[] squared(final boolean[] feature, final int w, final int h, final double sx, final double sy) {
		final double[] d = new double[w * h];
		for (int i = 0; i < d.length; i++)
			d[i] = feature[i] ? 0 : INF;
		final int n = Math.max(w, h);
		final double[] f = new double[n], out = new double[n], zz = new double[n + 1];
		final int[] v = new int[n];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++)
				f[x] = d[y * w + x];
			transform(f, w, sx, out, v, zz);
			for (int x = 0; x < w; x++)
				d[y * w + x] = out[x];
		}
		for (int x = 0; x < w; x++) {
			for (int y = 0; y < h; y++)
				f[y] = d[y * w + x];
			transform(f, h, sy, out, v, zz);
			for (int y = 0; y < h; y++)
				d[y * w + x] = out[y];
		}
		return d;
	}

	/** 1-D squared distance transform of f with sample spacing s. */
	private static void transform(final double[] f, final int n, final double s, final double[] d, final int[] v, final double[] z) {
		int k = 0;
		v[0] = 0;
		z[0] = -INF;
		z[1] = INF;
		final double s2 = s * s;
		for (int q = 1; q < n; q++) {
			double sp = intersection(f, q, v[k], s2);
			// z[0] is -infinity, so this stops at k = 0 at the latest
			while (sp <= z[k]) {
				k--;
				sp = intersection(f, q, v[k], s2);
			}
			k++;
			v[k] = q;
			z[k] = sp;
			z[k + 1] = INF;
		}
		k = 0;
		for (int q = 0; q < n; q++) {
			while (z[k + 1] < q) k++;
			final double dq = s * (q - v[k]);
			d[q] = dq * dq + f[v[k]];
		}
	}

	private static double intersection(final double[] f, final int q, final int p, final double s2) {
		return ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
	}
}
