package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The per-slice filling, closing and dilation on runs against the same definitions pixel by pixel: within a window of
 * the lung's bounding box grown by the radius plus 2 pixels (beyond the image is background), the closing is the disk
 * dilation followed by the disk erosion, holes are the 4-connected background not reaching the window's edge, and
 * nothing is painted over the other lung or the excluded (airway) pixels.
 */
class FillingTest {

	@Test
	void fillAndCloseMatchesPixelDefinition() {
		final Random r = new Random(17);
		int grew = 0;
		for (int trial = 0; trial < 120; trial++) {
			final int nx = 20 + r.nextInt(50), ny = 20 + r.nextInt(50), nz = 1 + r.nextInt(3);
			final double sx = trial % 4 == 0 ? 1 : 0.5 + r.nextDouble(), sy = trial % 4 == 0 ? 1 : 0.5 + r.nextDouble();
			final double closing = trial % 5 == 0 ? 0 : r.nextDouble() * 9;
			final byte[][] labels = randomLungs(r, nx, ny, nz);
			final byte[][] excluded = randomExcluded(r, nx, ny, nz);
			final byte[][] expected = copy(labels);
			for (int z = 0; z < nz; z++)
				for (byte label = 1; label <= 2; label++)
					pixelFillAndClose(expected[z], excluded[z], nx, ny, sx, sy, closing, label);
			final byte[][] actual = copy(labels);
			Filling.fillAndClose(actual, excluded, nx, ny, sx, sy, closing);
			for (int z = 0; z < nz; z++) {
				assertArrayEquals(expected[z], actual[z], "trial " + trial + " slice " + z + " closing " + closing + " spacing " + sx + "," + sy);
				if (!java.util.Arrays.equals(labels[z], actual[z])) grew++;
			}
		}
		// the trials do fill and close something
		assertTrue(grew > 100, "slices changed: " + grew);
	}

	/**
	 * Rings with small and large holes, cups whose gap the closing bridges or not, with speckle holes: shapes where
	 * filling the lung's holes before the closing could differ from the definition (close the lung as it is, then fill).
	 */
	@Test
	void fillAndCloseMatchesPixelDefinitionOnRingsAndCups() {
		final Random r = new Random(29);
		int bridged = 0;
		for (int trial = 0; trial < 150; trial++) {
			final int nx = 40 + r.nextInt(40), ny = 40 + r.nextInt(40);
			final double sx = 0.5 + r.nextDouble(), sy = 0.5 + r.nextDouble(), closing = 1 + r.nextDouble() * 8;
			final double cx = nx / 2.0 + r.nextInt(5) - 2, cy = ny / 2.0 + r.nextInt(5) - 2;
			final double outer = 8 + r.nextDouble() * (Math.min(nx, ny) / 2.0 - 10), inner = outer * (0.2 + 0.6 * r.nextDouble());
			// a gap in the ring (a cup) in half of the trials, of up to 10 pixels
			final double gap = r.nextBoolean() ? 0 : 1 + r.nextInt(10);
			final byte[] p = new byte[nx * ny];
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final double d = Math.hypot(x - cx, y - cy);
					if (d > outer || d < inner) continue;
					if (gap > 0 && x > cx && Math.abs(y - cy) < gap / 2) continue;
					if (r.nextDouble() < 0.05) continue;
					p[y * nx + x] = 1;
				}
			final byte[][] labels = { p };
			final byte[][] excluded = { null };
			final byte[] expected = p.clone();
			pixelFillAndClose(expected, null, nx, ny, sx, sy, closing, (byte) 1);
			final byte[][] actual = copy(labels);
			Filling.fillAndClose(actual, excluded, nx, ny, sx, sy, closing);
			assertArrayEquals(expected, actual[0], "trial " + trial + " closing " + closing + " spacing " + sx + "," + sy + " ring " + outer + "/" + inner + " gap " + gap);
			// the centre is filled where the ring is whole or the closing bridges its gap, open where the gap is too wide
			if (expected[(int) cy * nx + (int) cx] != 0) bridged++;
		}
		assertTrue(bridged > 10 && bridged < 140, "centres filled: " + bridged);
	}

	@Test
	void dilateMatchesPixelDefinition() {
		final Random r = new Random(23);
		for (int trial = 0; trial < 80; trial++) {
			final int nx = 20 + r.nextInt(40), ny = 20 + r.nextInt(40), nz = 1 + r.nextInt(2);
			final double sx = 0.5 + r.nextDouble(), sy = 0.5 + r.nextDouble(), mm = r.nextDouble() * 6;
			final byte[][] labels = randomLungs(r, nx, ny, nz);
			final byte[][] excluded = randomExcluded(r, nx, ny, nz);
			final byte[][] expected = copy(labels);
			for (int z = 0; z < nz; z++)
				for (byte label = 1; label <= 2; label++) {
					final byte[] p = expected[z];
					final boolean[] lung = new boolean[nx * ny];
					for (int i = 0; i < lung.length; i++)
						lung[i] = p[i] == label;
					final boolean[] near = Distance2D.within(lung, nx, ny, sx, sy, mm);
					for (int i = 0; i < p.length; i++)
						if (near[i] && p[i] == 0 && (excluded[z] == null || excluded[z][i] == 0)) p[i] = label;
				}
			final byte[][] actual = copy(labels);
			Filling.dilate(actual, excluded, nx, ny, sx, sy, mm);
			for (int z = 0; z < nz; z++)
				assertArrayEquals(expected[z], actual[z], "trial " + trial + " slice " + z + " margin " + mm);
		}
	}

	/** Two blobs (labels 1 and 2, sometimes one or none, sometimes cut by the image's edge) with holes and notches. */
	private static byte[][] randomLungs(final Random r, final int nx, final int ny, final int nz) {
		final byte[][] labels = new byte[nz][nx * ny];
		for (int z = 0; z < nz; z++) {
			final int lungs = r.nextInt(4) == 0 ? r.nextInt(2) : 2;
			for (int l = 1; l <= lungs; l++) {
				final double cx = (l == 1 ? 0.3 : 0.7) * nx + (r.nextDouble() - 0.5) * nx * 0.4, cy = r.nextDouble() * ny;
				final double rx = 2 + r.nextDouble() * nx / 4, ry = 2 + r.nextDouble() * ny / 2;
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++) {
						final double dx = (x - cx) / rx, dy = (y - cy) / ry;
						// a notch cut into the outline (what the closing bridges)
						final boolean notch = Math.abs(dy) < 0.15 && dx > 0.5;
						if (dx * dx + dy * dy <= 1 && !notch && labels[z][y * nx + x] == 0 && r.nextDouble() > 0.07) labels[z][y * nx + x] = (byte) l;
					}
			}
		}
		return labels;
	}

	/** Null planes, or a small excluded patch (the airway). */
	private static byte[][] randomExcluded(final Random r, final int nx, final int ny, final int nz) {
		final byte[][] ex = new byte[nz][];
		for (int z = 0; z < nz; z++) {
			if (r.nextBoolean()) continue;
			ex[z] = new byte[nx * ny];
			final int x0 = r.nextInt(nx), y0 = r.nextInt(ny);
			for (int y = y0; y < Math.min(ny, y0 + 6); y++)
				for (int x = x0; x < Math.min(nx, x0 + 4); x++)
					ex[z][y * nx + x] = 1;
		}
		return ex;
	}

	private static byte[][] copy(final byte[][] a) {
		final byte[][] c = new byte[a.length][];
		for (int i = 0; i < a.length; i++)
			c[i] = a[i].clone();
		return c;
	}

	/** The definition, pixel by pixel, in the lung's window. */
	private static void pixelFillAndClose(final byte[] p, final byte[] ex, final int nx, final int ny, final double sx, final double sy, final double closing,
		final byte label)
	{
		int bx0 = nx, by0 = ny, bx1 = -1, by1 = -1;
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++)
				if (p[y * nx + x] == label) {
					bx0 = Math.min(bx0, x);
					bx1 = Math.max(bx1, x);
					by0 = Math.min(by0, y);
					by1 = Math.max(by1, y);
				}
		if (bx1 < 0) return;
		final int margin = (int) Math.ceil(closing / Math.min(sx, sy)) + 2;
		final int x0 = bx0 - margin, y0 = by0 - margin, w = bx1 - bx0 + 1 + 2 * margin, h = by1 - by0 + 1 + 2 * margin;
		final boolean[] fg = new boolean[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int ix = x + x0, iy = y + y0;
				fg[y * w + x] = ix >= 0 && iy >= 0 && ix < nx && iy < ny && p[iy * nx + ix] == label;
			}
		final boolean[] filled = fg.clone();
		if (closing > 0) {
			final boolean[] dilated = Distance2D.within(fg, w, h, sx, sy, closing);
			final boolean[] outside = new boolean[fg.length];
			for (int i = 0; i < fg.length; i++)
				outside[i] = !dilated[i];
			final boolean[] nearOutside = Distance2D.within(outside, w, h, sx, sy, closing);
			for (int i = 0; i < fg.length; i++)
				if (!nearOutside[i]) filled[i] = true;
		}
		final boolean[] reached = new boolean[fg.length];
		final ArrayDeque<int[]> queue = new ArrayDeque<>();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && !filled[y * w + x]) {
					reached[y * w + x] = true;
					queue.add(new int[] { x, y });
				}
		while (!queue.isEmpty()) {
			final int[] c = queue.poll();
			for (final int[] d : new int[][] { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } }) {
				final int x = c[0] + d[0], y = c[1] + d[1];
				if (x < 0 || y < 0 || x >= w || y >= h || filled[y * w + x] || reached[y * w + x]) continue;
				reached[y * w + x] = true;
				queue.add(new int[] { x, y });
			}
		}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int ix = x + x0, iy = y + y0;
				if (ix < 0 || iy < 0 || ix >= nx || iy >= ny) continue;
				final int i = iy * nx + ix;
				if (p[i] == 0 && (ex == null || ex[i] == 0) && !reached[y * w + x]) p[i] = label;
			}
	}
}
