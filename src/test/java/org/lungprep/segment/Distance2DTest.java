package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The disk dilation against brute force, on random grids with anisotropic pixels and radii. */
class Distance2DTest {

	@Test
	void matchesBruteForce() {
		final Random r = new Random(7);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + r.nextInt(29), h = 1 + r.nextInt(23);
			// some trials on the 1 mm grid with whole radii, where distances hit the radius exactly
			final boolean grid = trial % 3 == 0;
			final double sx = grid ? 1 : 0.3 + r.nextDouble() * 2, sy = grid ? 1 : 0.3 + r.nextDouble() * 2;
			final double radius = grid ? r.nextInt(9) : r.nextDouble() * 8;
			// from almost empty to almost full, and sometimes no feature at all
			final double density = trial % 10 == 0 ? 0 : r.nextDouble() * r.nextDouble();
			final boolean[] f = new boolean[w * h];
			for (int i = 0; i < f.length; i++)
				f[i] = r.nextDouble() < density;
			final boolean[] within = Distance2D.within(f, w, h, sx, sy, radius);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					boolean expected = false;
					for (int yy = 0; yy < h && !expected; yy++)
						for (int xx = 0; xx < w && !expected; xx++)
							if (f[yy * w + xx]) {
								final double dx = sx * (x - xx), dy = sy * (y - yy);
								expected = dx * dx + dy * dy <= radius * radius;
							}
					assertEquals(expected, within[y * w + x], "trial " + trial + " at " + x + "," + y + " radius " + radius + " spacing " + sx + "," + sy);
				}
		}
	}
}
