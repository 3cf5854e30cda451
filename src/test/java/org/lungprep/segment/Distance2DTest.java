package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The squared distance transform against brute force, on random grids with anisotropic pixels. */
class Distance2DTest {

	@Test
	void matchesBruteForce() {
		final Random r = new Random(7);
		for (int trial = 0; trial < 200; trial++) {
			final int w = 1 + r.nextInt(23), h = 1 + r.nextInt(19);
			final double sx = 0.3 + r.nextDouble() * 2, sy = 0.3 + r.nextDouble() * 2;
			// from almost empty to almost full, and sometimes no feature at all
			final double density = trial % 10 == 0 ? 0 : r.nextDouble();
			final boolean[] f = new boolean[w * h];
			for (int i = 0; i < f.length; i++)
				f[i] = r.nextDouble() < density;
			final double[] d = Distance2D.squared(f, w, h, sx, sy);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double best = Distance2D.INF;
					for (int yy = 0; yy < h; yy++)
						for (int xx = 0; xx < w; xx++)
							if (f[yy * w + xx]) {
								final double dx = (x - xx) * sx, dy = (y - yy) * sy;
								best = Math.min(best, dx * dx + dy * dy);
							}
					assertEquals(best, d[y * w + x], 1e-9 * Math.max(1, best), "trial " + trial + " at " + x + "," + y);
				}
		}
	}
}
