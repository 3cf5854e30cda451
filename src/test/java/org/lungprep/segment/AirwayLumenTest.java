package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Connectivity;

/**
 * The airway's lumen search inside the lung ({@link RobustSegmentation#followLumen}), which floods from the airway
 * above, against its definition on the whole slice: label the dark pixels of the large regions, keep the pieces that
 * overlap the airway above and stay within the limit, add the large regions' pixels within the rim's reach.
 */
class AirwayLumenTest {

	private static final int LUMEN = RobustSegmentation.LUMEN_HU;

	/** The definition, labelling every dark pixel of the large regions. */
	private static void definition(final ConnectedComponents.Result cc, final boolean[] large, final byte[] previous, final short[] c, final byte[] out,
		final int nx, final int ny, final double pixelCm2, final double limit, final double sx, final double sy)
	{
		final int n = nx * ny;
		final byte[] region = new byte[n], dark = new byte[n];
		cc.paintPlane(region, large, (byte) 1);
		for (int i = 0; i < n; i++)
			dark[i] = (byte) (region[i] != 0 && c[i] < LUMEN ? 1 : 0);
		final ConnectedComponents.Result lumen = ConnectedComponents.label(new byte[][] { dark }, nx, ny, Connectivity.EIGHT);
		final boolean[] follow = new boolean[lumen.count() + 1];
		for (int i = 0; i < n; i++)
			if (previous[i] != 0) follow[lumen.labelAt(i % nx, i / nx, 0)] = true;
		follow[0] = false;
		boolean any = false;
		for (int l = 1; l <= lumen.count(); l++) {
			if (lumen.size(l) * pixelCm2 > limit) follow[l] = false;
			any |= follow[l];
		}
		if (!any) return;
		final boolean[] followed = new boolean[n];
		for (int i = 0; i < n; i++)
			followed[i] = follow[lumen.labelAt(i % nx, i / nx, 0)] && dark[i] != 0;
		// within 2 mm of a followed pixel (Euclidean, in mm), in the large regions
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++) {
				if (region[y * nx + x] == 0) continue;
				boolean near = false;
				for (int v = 0; v < ny && !near; v++)
					for (int u = 0; u < nx && !near; u++)
						if (followed[v * nx + u]) {
							final double dx = (u - x) * sx, dy = (v - y) * sy;
							near = dx * dx + dy * dy <= 4;
						}
				if (near) out[y * nx + x] = 1;
			}
	}

	/** Blobs: a random field smoothed and thresholded, so regions have holes, necks and many sizes. */
	private static byte[] blobs(final Random r, final int nx, final int ny, final double fill) {
		final double[] f = new double[nx * ny];
		for (int i = 0; i < f.length; i++)
			f[i] = r.nextDouble();
		final double[] g = new double[f.length];
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++) {
				double s = 0;
				int k = 0;
				for (int v = Math.max(0, y - 1); v <= Math.min(ny - 1, y + 1); v++)
					for (int u = Math.max(0, x - 1); u <= Math.min(nx - 1, x + 1); u++, k++)
						s += f[v * nx + u];
				g[y * nx + x] = s / k;
			}
		final byte[] b = new byte[f.length];
		for (int i = 0; i < b.length; i++)
			b[i] = (byte) (g[i] < fill ? 1 : 0);
		return b;
	}

	@Test
	void sameAsLabellingTheWholeSlice() {
		final Random r = new Random(17);
		int followedCases = 0, givenUp = 0;
		for (int t = 0; t < 400; t++) {
			final int nx = 8 + r.nextInt(40), ny = 8 + r.nextInt(40);
			final byte[] m = blobs(r, nx, ny, 0.45 + 0.2 * r.nextDouble());
			final short[] c = new short[nx * ny];
			final byte[] dark = blobs(r, nx, ny, 0.3 + 0.4 * r.nextDouble());
			for (int i = 0; i < c.length; i++)
				c[i] = (short) (dark[i] != 0 ? LUMEN - 1 - r.nextInt(60) : LUMEN + r.nextInt(3) * 100);
			final byte[] previous = blobs(r, nx, ny, 0.2 + 0.4 * r.nextDouble());
			final ConnectedComponents.Result cc = ConnectedComponents.label(new byte[][] { m }, nx, ny, Connectivity.EIGHT);
			final boolean[] large = new boolean[cc.count() + 1];
			for (int l = 1; l <= cc.count(); l++)
				large[l] = r.nextInt(3) > 0;
			final double sx = 0.5 + 1.5 * r.nextDouble(), sy = r.nextBoolean() ? sx : 0.5 + 1.5 * r.nextDouble();
			final double pixelCm2 = sx * sy / 100, limit = pixelCm2 * (1 + r.nextInt(60));
			// what the slice's small regions already put into the airway stays
			final byte[] expected = new byte[nx * ny];
			for (int i = 0; i < expected.length; i++)
				expected[i] = (byte) (r.nextInt(20) == 0 ? 1 : 0);
			final byte[] actual = expected.clone();
			definition(cc, large, previous, c, expected, nx, ny, pixelCm2, limit, sx, sy);
			final RobustSegmentation.LumenScratch scratch = new RobustSegmentation.LumenScratch(nx * ny);
			// twice with the same scratch: it must be left all zero
			for (int k = 0; k < 2; k++) {
				final byte[] out = actual.clone();
				RobustSegmentation.followLumen(cc, large, previous, m, c, out, nx, ny, pixelCm2, limit, sx, sy, scratch);
				assertArrayEquals(expected, out, "case " + t + " (" + nx + "x" + ny + "), call " + k);
				assertTrue(Arrays.equals(new byte[nx * ny], scratch.seen), "scratch plane left all zero, case " + t);
			}
			if (!Arrays.equals(expected, actual)) followedCases++;
			else givenUp++;
		}
		// both outcomes were exercised
		assertTrue(followedCases > 50 && givenUp > 20, followedCases + " cases followed a lumen, " + givenUp + " followed none");
	}
}
