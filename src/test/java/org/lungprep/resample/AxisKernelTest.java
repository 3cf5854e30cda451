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
