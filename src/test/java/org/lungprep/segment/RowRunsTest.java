package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Run-length morphology against pixel by pixel definitions, on random regions. */
class RowRunsTest {

	/** Random regions: scattered pixels, or blobs with holes (rows of many runs, as lungs with vessels are). */
	static boolean[] randomRegion(final Random r, final int w, final int h, final int trial) {
		final boolean[] f = new boolean[w * h];
		if (trial % 10 == 0) return f;
		if (trial % 2 == 0) {
			final double density = r.nextDouble() * r.nextDouble();
			for (int i = 0; i < f.length; i++)
				f[i] = r.nextDouble() < density;
			return f;
		}
		addEllipses(r, f, w, h, 1 + r.nextInt(3));
		// holes of a pixel or a few
		for (int i = 0; i < f.length; i++)
			if (r.nextDouble() < 0.08) f[i] = false;
		return f;
	}

	/** Sets the pixels of {@code count} random ellipses. */
	static void addEllipses(final Random r, final boolean[] f, final int w, final int h, final int count) {
		for (int b = 0; b < count; b++) {
			final double cx = r.nextDouble() * w, cy = r.nextDouble() * h, rx = 1 + r.nextDouble() * w / 2, ry = 1 + r.nextDouble() * h / 2;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double dx = (x - cx) / rx, dy = (y - cy) / ry;
					if (dx * dx + dy * dy <= 1) f[y * w + x] = true;
				}
		}
	}

	static RowRuns of(final boolean[] f, final int w, final int h) {
		final RowRuns.Builder b = new RowRuns.Builder(w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++)
				if (f[y * w + x]) b.add(x, x + 1);
			b.nextRow();
		}
		return b.build();
	}

	static void assertRegion(final boolean[] expected, final RowRuns r, final String what) {
		for (int y = 0; y < r.h; y++) {
			for (int x = 0; x < r.w; x++)
				assertEquals(expected[y * r.w + x], r.contains(x, y), what + " at " + x + "," + y);
			// runs are sorted, disjoint and not touching: the same region always has the same runs
			for (int k = r.rowStart[y]; k < r.rowStart[y + 1]; k++) {
				assertTrue(r.xs[2 * k] < r.xs[2 * k + 1], what + ": empty run in row " + y);
				if (k > r.rowStart[y]) assertTrue(r.xs[2 * k] > r.xs[2 * k - 1], what + ": runs not separated in row " + y);
			}
		}
	}

	@Test
	void complementAndUnion() {
		final Random r = new Random(11);
		for (int trial = 0; trial < 200; trial++) {
			final int w = 1 + r.nextInt(40), h = 1 + r.nextInt(30);
			final boolean[] a = randomRegion(r, w, h, trial), b = randomRegion(r, w, h, trial + 1);
			final boolean[] notA = new boolean[a.length], aOrB = new boolean[a.length];
			for (int i = 0; i < a.length; i++) {
				notA[i] = !a[i];
				aOrB[i] = a[i] || b[i];
			}
			assertRegion(a, of(a, w, h), "trial " + trial + " runs");
			assertRegion(notA, of(a, w, h).complement(), "trial " + trial + " complement");
			assertRegion(aOrB, of(a, w, h).union(of(b, w, h)), "trial " + trial + " union");
		}
	}

	@Test
	void dilationIsTheDiskDilation() {
		final Random r = new Random(5);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + r.nextInt(40), h = 1 + r.nextInt(30);
			final boolean grid = trial % 3 == 0;
			final double sx = grid ? 1 : 0.3 + r.nextDouble() * 2, sy = grid ? 1 : 0.3 + r.nextDouble() * 2;
			final double radius = grid ? r.nextInt(9) : r.nextDouble() * 8;
			final boolean[] f = randomRegion(r, w, h, trial);
			final boolean[] expected = new boolean[f.length];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					for (int yy = 0; yy < h && !expected[y * w + x]; yy++)
						for (int xx = 0; xx < w && !expected[y * w + x]; xx++)
							if (f[yy * w + xx]) {
								final double dx = sx * (x - xx), dy = sy * (y - yy);
								expected[y * w + x] = dx * dx + dy * dy <= radius * radius;
							}
			final RowRuns d = of(f, w, h).dilate(Distance2D.halfWidths(sx, sy, radius * radius));
			assertRegion(expected, d, "trial " + trial + " radius " + radius + " spacing " + sx + "," + sy);
		}
	}

	@Test
	void erosionIsTheComplementOfTheDilatedComplement() {
		final Random r = new Random(9);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + r.nextInt(40), h = 1 + r.nextInt(30);
			final double sx = 0.3 + r.nextDouble() * 2, sy = 0.3 + r.nextDouble() * 2, radius = r.nextDouble() * 8;
			final boolean[] f = randomRegion(r, w, h, trial);
			// mostly set regions too (the dilation of a lung is one)
			if (trial % 3 == 0) for (int i = 0; i < f.length; i++)
				f[i] = f[i] || r.nextDouble() < 0.9;
			assertErosion(f, w, h, Distance2D.halfWidths(sx, sy, radius * radius), "trial " + trial + " radius " + radius);
		}
	}

	/** Ellipses without holes: rows of one run (erosion's quick path), with rows of two where ellipses sit side by side. */
	@Test
	void erosionOfWholeShapesIsTheComplementOfTheDilatedComplement() {
		final Random r = new Random(19);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + r.nextInt(60), h = 1 + r.nextInt(40);
			final double sx = 0.3 + r.nextDouble() * 2, sy = 0.3 + r.nextDouble() * 2, radius = r.nextDouble() * 10;
			final boolean[] f = new boolean[w * h];
			addEllipses(r, f, w, h, 1 + r.nextInt(2));
			assertErosion(f, w, h, Distance2D.halfWidths(sx, sy, radius * radius), "trial " + trial + " radius " + radius);
		}
	}

	/** The erosion by the disk of {@code half} against the complement of the complement's dilation. */
	private static void assertErosion(final boolean[] f, final int w, final int h, final int[] half, final String what) {
		final RowRuns e = of(f, w, h).erode(half), expected = of(f, w, h).complement().dilate(half).complement();
		final boolean[] want = new boolean[f.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				want[y * w + x] = expected.contains(x, y);
		assertRegion(want, e, what);
	}

	@Test
	void holesAreTheEnclosedBackground() {
		final Random r = new Random(3);
		for (int trial = 0; trial < 300; trial++) {
			final int w = 1 + r.nextInt(40), h = 1 + r.nextInt(30);
			final boolean[] f = randomRegion(r, w, h, trial);
			// background reached from the window's edge through 4-neighbours; the rest of the background is holes
			final boolean[] outside = new boolean[f.length];
			final ArrayDeque<Integer> queue = new ArrayDeque<>();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) && !f[y * w + x]) {
						outside[y * w + x] = true;
						queue.add(y * w + x);
					}
			while (!queue.isEmpty()) {
				final int i = queue.poll(), x = i % w, y = i / w;
				final int[][] next = { { x - 1, y }, { x + 1, y }, { x, y - 1 }, { x, y + 1 } };
				for (final int[] n : next) {
					if (n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h) continue;
					final int j = n[1] * w + n[0];
					if (!f[j] && !outside[j]) {
						outside[j] = true;
						queue.add(j);
					}
				}
			}
			final boolean[] expected = new boolean[f.length];
			for (int i = 0; i < f.length; i++)
				expected[i] = !f[i] && !outside[i];
			assertRegion(expected, of(f, w, h).holes(), "trial " + trial);
		}
	}
}
