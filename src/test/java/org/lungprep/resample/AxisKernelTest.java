package org.lungprep.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * One axis's work on a block of lines against the plain definition computed line by line: Gaussian smoothing with
 * repeated edge samples, then (cubic) the B-spline coefficients of the edge-padded line by the causal and anticausal
 * recursions, then the weighted taps. Covers every smoothing radius the fused loops special-case (none, 1, 2, and
 * wider), for cubic and linear kernels.
 */
class AxisKernelTest {

	@Test
	void blockMatchesLineByLineDefinition() {
		final Random r = new Random(29);
		final int[][] sizes = { { 40, 40 }, { 60, 50 }, { 64, 36 }, { 90, 40 }, { 120, 20 }, { 30, 75 }, { 7, 3 } };
		final boolean[] seen = new boolean[4];
		for (final int[] nm : sizes)
			for (final Interpolation in : new Interpolation[] { Interpolation.CUBIC, Interpolation.LINEAR })
				for (final Grid grid : Grid.values()) {
					final int n = nm[0], m = nm[1], bw = 1 + r.nextInt(9);
					final AxisKernel k = AxisKernel.of(n, m, in, grid, true);
					seen[Math.min(3, k.radius)] = true;
					final double[] block = new double[n * bw];
					for (int i = 0; i < block.length; i++)
						block[i] = r.nextInt(4000) - 1500 + r.nextDouble();
					final double[] out = k.apply(block.clone(), bw, new AxisKernel.Scratch()).clone();
					for (int b = 0; b < bw; b++) {
						final double[] line = new double[n];
						for (int i = 0; i < n; i++)
							line[i] = block[i * bw + b];
						final double[] expected = plain(k, line);
						for (int j = 0; j < m; j++)
							assertEquals(expected[j], out[j * bw + b], 1e-9 * (1 + Math.abs(expected[j])),
								in + " " + grid + " n=" + n + " m=" + m + " radius " + k.radius + " line " + b + " sample " + j);
					}
				}
		for (int radius = 0; radius < 4; radius++)
			assertTrue(seen[radius], "no case with smoothing radius " + radius + (radius == 3 ? "+" : ""));
	}

	/**
	 * applyTo into int16 planes (the pass along z) against apply followed by Planes.Shorts.write: the same int16 values,
	 * on values that round at .5 either way and overshoot the int16 range, for every kernel (the cubic one fused,
	 * the others through apply), at an offset into the planes, leaving the rest of the planes alone.
	 */
	@Test
	void applyToInt16PlanesEqualsApplyThenWrite() {
		final Random r = new Random(31);
		int fused = 0;
		for (int trial = 0; trial < 60; trial++) {
			final int n = 3 + r.nextInt(60), m = 2 + r.nextInt(90), bw = 1 + r.nextInt(40), offset = r.nextInt(5);
			final Interpolation in = Interpolation.values()[r.nextInt(Interpolation.values().length)];
			final AxisKernel k = AxisKernel.of(n, m, in, Grid.values()[r.nextInt(2)], r.nextBoolean());
			if (k.taps == 4) fused++;
			final double[] block = new double[n * bw];
			for (int i = 0; i < block.length; i++)
				block[i] = r.nextInt(5) == 0 ? (r.nextBoolean() ? 1 : -1) * (32000 + r.nextInt(3000)) : r.nextInt(8) == 0 ? r.nextInt(200) - 100 + 0.5 : r.nextInt(4000) - 2000 + r.nextDouble();
			final short[][] expected = new short[m][offset + bw + 3], actual = new short[m][offset + bw + 3];
			for (int j = 0; j < m; j++) {
				java.util.Arrays.fill(expected[j], (short) 77);
				java.util.Arrays.fill(actual[j], (short) 77);
			}
			final double[] o = k.apply(block.clone(), bw, new AxisKernel.Scratch());
			final Planes.Shorts e = new Planes.Shorts(expected, offset + bw + 3, 1);
			for (int j = 0; j < m; j++)
				e.write(j, offset, bw, o, j * bw, 1);
			k.applyTo(block.clone(), bw, new AxisKernel.Scratch(), new Planes.Shorts(actual, offset + bw + 3, 1), offset);
			for (int j = 0; j < m; j++)
				org.junit.jupiter.api.Assertions.assertArrayEquals(expected[j], actual[j], in + " n=" + n + " m=" + m + " bw=" + bw + " plane " + j);
		}
		assertTrue(fused > 10, "cubic kernels: " + fused);
	}

	private static double[] plain(final AxisKernel k, final double[] line) {
		final int n = line.length;
		double[] v = line;
		if (k.gauss != null) {
			v = new double[n];
			for (int i = 0; i < n; i++)
				for (int t = -k.radius; t <= k.radius; t++)
					v[i] += k.gauss[t + k.radius] * line[AxisKernel.clamp(i + t, n)];
		}
		if (k.cubic) {
			final int len = n + 2 * AxisKernel.PAD;
			final double z = Math.sqrt(3) - 2;
			final double[] c = new double[len];
			for (int i = 0; i < len; i++)
				c[i] = 6 * v[AxisKernel.clamp(i - AxisKernel.PAD, n)];
			double c0 = c[0], zk = z;
			for (int i = 1; i < Math.min(len, 30); i++, zk *= z)
				c0 += zk * c[i];
			c[0] = c0;
			for (int i = 1; i < len; i++)
				c[i] += z * c[i - 1];
			c[len - 1] = z / (z * z - 1) * (z * c[len - 2] + c[len - 1]);
			for (int i = len - 2; i >= 0; i--)
				c[i] = z * (c[i + 1] - c[i]);
			v = c;
		}
		final double[] out = new double[k.m];
		for (int j = 0; j < k.m; j++)
			for (int t = 0; t < k.taps; t++)
				out[j] += k.w[j * k.taps + t] * v[k.idx[j * k.taps + t]];
		return out;
	}
}
