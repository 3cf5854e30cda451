package org.lungprep.resample;

/**
 * The 1-D work along one axis, precomputed once: optional Gaussian anti-aliasing, optional cubic B-spline prefilter,
 * then for every output sample the input indices and weights to combine. Applied to blocks of lines laid out as
 * {@code [position along the axis][b]} so the inner loops run over {@code b} (vectorizable).
 */
final class AxisKernel {

	/** Edge samples added on each side before the cubic prefilter, as scipy does for mode='nearest'. */
	static final int PAD = 12;
	private static final double POLE = Math.sqrt(3) - 2;

	final int n;
	final int m;
	final boolean cubic;
	final double[] gauss;
	final int radius;
	final int taps;
	final int[] idx;
	final double[] w;
	/** Input position sampled by output 0, in input index units (for the origin). */
	final double firstPosition;

	private AxisKernel(final int n, final int m, final boolean cubic, final double[] gauss, final int taps, final int[] idx, final double[] w,
		final double firstPosition)
	{
		this.n = n;
		this.m = m;
		this.cubic = cubic;
		this.gauss = gauss;
		this.radius = gauss == null ? 0 : gauss.length / 2;
		this.taps = taps;
		this.idx = idx;
		this.w = w;
		this.firstPosition = firstPosition;
	}

	/** @return input position (index units) of output sample j */
	static double position(final int j, final int n, final int m, final Grid grid) {
		if (grid == Grid.SCIPY) return m > 1 ? j * (n - 1) / (double) (m - 1) : 0;
		return (j + 0.5) * n / (double) m - 0.5;
	}

	static AxisKernel of(final int n, final int m, final Interpolation interpolation, final Grid grid, final boolean antiAlias) {
		final boolean cubic = interpolation == Interpolation.CUBIC;
		final int taps = interpolation == Interpolation.NEAREST ? 1 : interpolation == Interpolation.LINEAR ? 2 : 4;
		final int[] idx = new int[m * taps];
		final double[] w = new double[m * taps];
		final int lineLength = cubic ? n + 2 * PAD : n;
		final int offset = cubic ? PAD : 0;
		for (int j = 0; j < m; j++) {
			final double u = position(j, n, m, grid);
			if (interpolation == Interpolation.NEAREST) {
				idx[j] = clamp((int) Math.floor(u + 0.5), n);
				w[j] = 1;
				continue;
			}
			final int i0 = (int) Math.floor(u);
			final double t = u - i0;
			if (interpolation == Interpolation.LINEAR) {
				idx[2 * j] = clamp(i0, n);
				idx[2 * j + 1] = clamp(i0 + 1, n);
				w[2 * j] = 1 - t;
				w[2 * j + 1] = t;
				continue;
			}
			for (int k = -1; k <= 2; k++) {
				idx[4 * j + k + 1] = clamp(i0 + k + offset, lineLength);
				w[4 * j + k + 1] = bspline3(t - k);
			}
		}
		double[] gauss = null;
		if (antiAlias && m < n && interpolation != Interpolation.NEAREST) {
			final double sigma = (n / (double) m - 1) / 2;
			if (sigma > 1e-3) {
				final int r = Math.max(1, (int) Math.ceil(4 * sigma));
				gauss = new double[2 * r + 1];
				double sum = 0;
				for (int k = -r; k <= r; k++)
					sum += gauss[k + r] = Math.exp(-k * k / (2 * sigma * sigma));
				for (int k = 0; k < gauss.length; k++)
					gauss[k] /= sum;
			}
		}
		return new AxisKernel(n, m, cubic, gauss, taps, idx, w, position(0, n, m, grid));
	}

	/** @return whether this axis is left as it is (same size, samples on the input samples, no smoothing) */
	boolean identity(final Grid grid) {
		if (n != m || gauss != null) return false;
		for (int j = 0; j < m; j++)
			if (position(j, n, m, grid) != j) return false;
		return true;
	}

	static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	/** Centred cubic B-spline. */
	static double bspline3(final double x) {
		final double a = Math.abs(x);
		if (a < 1) return 2.0 / 3 - a * a + a * a * a / 2;
		if (a < 2) {
			final double b = 2 - a;
			return b * b * b / 6;
		}
		return 0;
	}

	/**
	 * Processes a block of lines: {@code in} holds {@code n * B} values as [i][b]; the result holds {@code m * B} as
	 * [j][b]. The scratch arrays are reused between calls by the caller.
	 */
	double[] apply(final double[] in, final int blockWidth, final Scratch s) {
		final int bw = blockWidth;
		final double[] src;
		// the cubic prefilter takes the smoothing into its first pass (no smoothed copy of the block)
		if (cubic) src = prefilter(in, bw, s);
		else src = gauss == null ? in : smooth(in, bw, s.buffer(0, n * bw));
		final double[] out = s.buffer(2, m * bw);
		// one method per kernel width, so each gets its own compiled (vectorized) loop
		if (taps == 2) interpolate2(src, out, bw);
		else if (taps == 4) interpolate4(src, out, bw);
		else interpolate1(src, out, bw);
		return out;
	}

	/**
	 * As {@link #apply} followed by {@link Planes#write} of every output position j into plane j of {@code dst} at
	 * {@code offset}, without the block of doubles in between (the pass along z writes 25 M int16 values for a chest
	 * CT): for the cubic kernel into int16 planes the interpolation rounds as it goes, with the same arithmetic and
	 * rounding as {@link Planes.Shorts#write}; any other pair goes through {@link #apply}.
	 */
	void applyTo(final double[] in, final int blockWidth, final Scratch s, final Planes dst, final int offset) {
		if (taps != 4 || !(dst instanceof Planes.Shorts)) {
			final double[] o = apply(in, blockWidth, s);
			for (int j = 0; j < m; j++)
				dst.write(j, offset, blockWidth, o, j * blockWidth, 1);
			return;
		}
		final double[] src = cubic ? prefilter(in, blockWidth, s) : gauss == null ? in : smooth(in, blockWidth, s.buffer(0, n * blockWidth));
		interpolate4(src, ((Planes.Shorts) dst).p, offset, blockWidth);
	}

	/** The anti-aliasing Gaussian along the axis (edge samples repeated), into g. */
	private double[] smooth(final double[] src, final int bw, final double[] g) {
		for (int i = 0; i < n; i++)
			smoothed(src, bw, i, 1, g, i * bw);
		return g;
	}

	/**
	 * Writes {@code scale} times the smoothed (or, without smoothing, the plain) samples at position i of every line to
	 * dst[o + b]. The sum is formed in the same order for every kernel radius: centre tap, then the pairs at +-1, +-2...
	 */
	private void smoothed(final double[] src, final int bw, final int i, final double scale, final double[] dst, final int o) {
		final int c = i * bw;
		if (gauss == null) {
			for (int b = 0; b < bw; b++)
				dst[o + b] = scale * src[c + b];
			return;
		}
		final double g0 = gauss[radius];
		final double g1 = gauss[radius + 1];
		final int a1 = clamp(i - 1, n) * bw, b1 = clamp(i + 1, n) * bw;
		if (radius == 1) {
			for (int b = 0; b < bw; b++)
				dst[o + b] = scale * (g0 * src[c + b] + g1 * (src[a1 + b] + src[b1 + b]));
			return;
		}
		final double g2 = gauss[radius + 2];
		final int a2 = clamp(i - 2, n) * bw, b2 = clamp(i + 2, n) * bw;
		if (radius == 2) {
			for (int b = 0; b < bw; b++)
				dst[o + b] = scale * (g0 * src[c + b] + g1 * (src[a1 + b] + src[b1 + b]) + g2 * (src[a2 + b] + src[b2 + b]));
			return;
		}
		for (int b = 0; b < bw; b++)
			dst[o + b] = g0 * src[c + b] + g1 * (src[a1 + b] + src[b1 + b]) + g2 * (src[a2 + b] + src[b2 + b]);
		for (int k = 3; k <= radius; k++) {
			final double gk = gauss[radius + k];
			final int sa = clamp(i - k, n) * bw, sb = clamp(i + k, n) * bw;
			for (int b = 0; b < bw; b++)
				dst[o + b] += gk * (src[sa + b] + src[sb + b]);
		}
		if (scale != 1) for (int b = 0; b < bw; b++)
			dst[o + b] *= scale;
	}

	private void interpolate1(final double[] src, final double[] out, final int bw) {
		for (int j = 0; j < m; j++)
			System.arraycopy(src, idx[j] * bw, out, j * bw, bw);
	}

	private void interpolate2(final double[] src, final double[] out, final int bw) {
		for (int j = 0; j < m; j++) {
			final int o = j * bw, i0 = idx[2 * j] * bw, i1 = idx[2 * j + 1] * bw;
			final double w0 = w[2 * j], w1 = w[2 * j + 1];
			for (int b = 0; b < bw; b++)
				out[o + b] = w0 * src[i0 + b] + w1 * src[i1 + b];
		}
	}

	private void interpolate4(final double[] src, final double[] out, final int bw) {
		for (int j = 0; j < m; j++) {
			final int o = j * bw, base = 4 * j;
			final int i0 = idx[base] * bw, i1 = idx[base + 1] * bw, i2 = idx[base + 2] * bw, i3 = idx[base + 3] * bw;
			final double w0 = w[base], w1 = w[base + 1], w2 = w[base + 2], w3 = w[base + 3];
			for (int b = 0; b < bw; b++)
				out[o + b] = w0 * src[i0 + b] + w1 * src[i1 + b] + w2 * src[i2 + b] + w3 * src[i3 + b];
		}
	}

	/** {@link #interpolate4} straight into int16 planes, rounded and clamped as {@link Planes.Shorts#write} does. */
	private void interpolate4(final double[] src, final short[][] planes, final int offset, final int bw) {
		for (int j = 0; j < m; j++) {
			final short[] a = planes[j];
			final int base = 4 * j;
			final int i0 = idx[base] * bw, i1 = idx[base + 1] * bw, i2 = idx[base + 2] * bw, i3 = idx[base + 3] * bw;
			final double w0 = w[base], w1 = w[base + 1], w2 = w[base + 2], w3 = w[base + 3];
			for (int b = 0; b < bw; b++) {
				final double v = w0 * src[i0 + b] + w1 * src[i1 + b] + w2 * src[i2 + b] + w3 * src[i3 + b];
				final int r = (int) (v + Double.longBitsToDouble(Planes.Shorts.HALF | Double.doubleToRawLongBits(v) & Planes.Shorts.SIGN));
				a[offset + b] = (short) (r < -32768 ? -32768 : r > 32767 ? 32767 : r);
			}
		}
	}

	/**
	 * Edge-pads by {@link #PAD} and turns the (smoothed) samples into cubic B-spline coefficients (Unser's recursive
	 * filter). The causal pass takes each padded sample as it goes, so the block is read once.
	 */
	private double[] prefilter(final double[] src, final int bw, final Scratch s) {
		final int len = n + 2 * PAD;
		final double[] c = s.buffer(1, len * bw);
		final double z = POLE;
		// causal initialization (mirror boundary, truncated sum) over the first samples
		final int horizon = Math.min(len, 30);
		for (int i = 0; i < horizon; i++)
			smoothed(src, bw, clamp(i - PAD, n), 6, c, i * bw);
		double zk = z;
		for (int k = 1; k < horizon; k++) {
			final int o = k * bw;
			for (int b = 0; b < bw; b++)
				c[b] += zk * c[o + b];
			zk *= z;
		}
		for (int i = 1; i < horizon; i++) {
			final int o = i * bw, p = o - bw;
			for (int b = 0; b < bw; b++)
				c[o + b] += z * c[p + b];
		}
		// the rest in one pass: the padded sample and the causal recursion together
		for (int i = Math.max(1, horizon); i < len; i++)
			causal(src, bw, clamp(i - PAD, n), c, i * bw, z);
		final int last = (len - 1) * bw, before = last - bw;
		final double f = z / (z * z - 1);
		for (int b = 0; b < bw; b++)
			c[last + b] = f * (z * c[before + b] + c[last + b]);
		for (int i = len - 2; i >= 0; i--) {
			final int o = i * bw, q = o + bw;
			for (int b = 0; b < bw; b++)
				c[o + b] = z * (c[q + b] - c[o + b]);
		}
		return c;
	}

	/**
	 * c[o + b] = 6 * (smoothed sample at position i) + z * c[o - bw + b]: the same values as {@link #smoothed} with
	 * scale 6 followed by the causal step, in one pass for the common kernels (none, radius 1 or 2).
	 */
	private void causal(final double[] src, final int bw, final int i, final double[] c, final int o, final double z) {
		final int p = o - bw, s0 = i * bw;
		if (gauss == null) {
			for (int b = 0; b < bw; b++)
				c[o + b] = 6 * src[s0 + b] + z * c[p + b];
			return;
		}
		if (radius <= 2) {
			final double g0 = gauss[radius], g1 = gauss[radius + 1];
			final int a1 = clamp(i - 1, n) * bw, b1 = clamp(i + 1, n) * bw;
			if (radius == 1) {
				for (int b = 0; b < bw; b++)
					c[o + b] = 6 * (g0 * src[s0 + b] + g1 * (src[a1 + b] + src[b1 + b])) + z * c[p + b];
				return;
			}
			final double g2 = gauss[radius + 2];
			final int a2 = clamp(i - 2, n) * bw, b2 = clamp(i + 2, n) * bw;
			for (int b = 0; b < bw; b++)
				c[o + b] = 6 * (g0 * src[s0 + b] + g1 * (src[a1 + b] + src[b1 + b]) + g2 * (src[a2 + b] + src[b2 + b])) + z * c[p + b];
			return;
		}
		smoothed(src, bw, i, 6, c, o);
		for (int b = 0; b < bw; b++)
			c[o + b] += z * c[p + b];
	}

	/** Per-thread scratch arrays. */
	static final class Scratch {
		private final double[][] buffers = new double[3][];

		double[] buffer(final int which, final int size) {
			if (buffers[which] == null || buffers[which].length < size) buffers[which] = new double[size];
			return buffers[which];
		}
	}
}
