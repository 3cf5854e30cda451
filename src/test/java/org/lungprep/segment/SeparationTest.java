package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;

/** Two lungs joined by a thin bridge are split into right (1, lower x) and left (2), each whole. */
class SeparationTest {

	private static boolean inEllipsoid(final int x, final int y, final int z, final double cx, final double cy, final double cz, final double rx,
		final double ry, final double rz)
	{
		final double dx = (x - cx) / rx, dy = (y - cy) / ry, dz = (z - cz) / rz;
		return dx * dx + dy * dy + dz * dz <= 1;
	}

	@Test
	void bridgedEllipsoidsSplitIntoTwoWholeLungs() {
		final int nx = 44, ny = 40, nz = 26;
		final byte[][] labels = new byte[nz][nx * ny];
		final byte[][] truth = new byte[nz][nx * ny];
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					// ellipsoids narrow towards their top and bottom planes, so the last plane does not reach the largest y
					final boolean right = inEllipsoid(x, y, z, 11, 19, 12, 7, 13, 9);
					final boolean left = inEllipsoid(x, y, z, 31, 21, 13, 7, 12, 10);
					final boolean bridge = x > 11 && x < 31 && Math.abs(y - 20) <= 1 && Math.abs(z - 12) <= 1;
					if (right || left || bridge) labels[z][y * nx + x] = 1;
					if (!bridge) truth[z][y * nx + x] = (byte) (right ? 1 : left ? 2 : 0);
				}
		Separation.split(labels, nx, ny, Geometry.of(1, 1, 1));
		int checked = 0;
		for (int z = 0; z < nz; z++)
			for (int i = 0; i < nx * ny; i++)
				if (truth[z][i] != 0) {
					assertEquals(truth[z][i], labels[z][i], "voxel " + i % nx + "," + i / nx + "," + z);
					checked++;
				}
				else if (labels[z][i] == 0) assertEquals(0, truth[z][i]);
		assertEquals(true, checked > 5000, "both ellipsoids are in the test volume");
	}

	/**
	 * Splitting in the volume's own planes (the mask has an empty margin in x and y) gives the same labels as splitting a
	 * copy of its box: random pairs of blobs joined by bridges, some reaching the first or last plane, some never split.
	 */
	@Test
	void inPlaceSplitEqualsSplittingACopy() {
		final java.util.Random rnd = new java.util.Random(21);
		int split = 0;
		for (int t = 0; t < 60; t++) {
			final int nx = 20 + rnd.nextInt(30), ny = 20 + rnd.nextInt(30), nz = 6 + rnd.nextInt(20);
			final byte[][] a = new byte[nz][nx * ny];
			final double r = 3 + rnd.nextInt(4);
			final int bridge = rnd.nextInt(3);
			for (int z = 0; z < nz; z++)
				for (int y = 1; y < ny - 1; y++)
					for (int x = 1; x < nx - 1; x++) {
						final double dz = (z - nz / 2.0) / (nz / 2.0 + rnd.nextInt(2)), dy = (y - ny / 2.0) / r;
						final double d1 = Math.pow((x - nx * 0.3) / r, 2) + dy * dy + dz * dz, d2 = Math.pow((x - nx * 0.7) / r, 2) + dy * dy + dz * dz;
						final boolean b = Math.abs(y - ny / 2) <= bridge && Math.abs(z - nz / 2) <= bridge && x > nx * 0.3 && x < nx * 0.7;
						if (d1 <= 1 || d2 <= 1 || b || rnd.nextInt(40) == 0) a[z][y * nx + x] = 1;
					}
			final byte[][] b = new byte[nz][];
			for (int z = 0; z < nz; z++)
				b[z] = a[z].clone();
			Separation.split(a, nx, ny, Geometry.of(1, 1, 1));
			Separation.split(b, nx, ny, Geometry.of(1, 1, 1), Separation.box(b, nx, ny), false);
			for (int z = 0; z < nz; z++)
				assertArrayEquals(b[z], a[z], "case " + t + " plane " + z);
			boolean two = false;
			for (final byte[] p : a)
				for (final byte v : p)
					two |= v == 2;
			if (two) split++;
		}
		assertTrue(split > 30, split + " of 60 masks split");
	}

	/**
	 * The growth against distances from each label's seeds on random masks (labels 0, 1 and 2, so some seeds do not
	 * grow): a nearest seed's label everywhere, ties among the voxels, and the same labels in a second run.
	 */
	@Test
	void growBackGivesEveryVoxelANearestSeedsLabel() {
		final java.util.Random rnd = new java.util.Random(5);
		int ties = 0;
		for (int trial = 0; trial < 20; trial++) {
			final int w = 12 + rnd.nextInt(20), h = 12 + rnd.nextInt(20), d = 3 + rnd.nextInt(12);
			final byte[][] mask = new byte[d][w * h], seedPlanes = new byte[d][w * h];
			for (int z = 0; z < d; z++)
				for (int y = 1; y < h - 1; y++)
					for (int x = 1; x < w - 1; x++) {
						final int i = y * w + x;
						if (rnd.nextInt(100) < 70) mask[z][i] = 1;
						// seeds: scattered voxels of the mask, in blobs of two labels
						if (mask[z][i] != 0 && rnd.nextInt(100) < 8) seedPlanes[z][i] = 1;
					}
			final ConnectedComponents.Result seeds = ConnectedComponents.label(seedPlanes, w, h, org.lungprep.core.Connectivity.SIX);
			final byte[] seedLabel = new byte[seeds.count() + 1];
			for (int l = 1; l <= seeds.count(); l++)
				seedLabel[l] = (byte) (rnd.nextInt(3));
			final byte[][] original = copy(mask), again = copy(mask);
			Separation.growBack(mask, seeds, seedLabel, w, h);
			ties += assertNearestSeed(original, seeds, seedLabel, mask, w, h, "trial " + trial);
			// the same labels every time, whatever the threads did
			Separation.growBack(again, seeds, seedLabel, w, h);
			for (int z = 0; z < d; z++)
				org.junit.jupiter.api.Assertions.assertArrayEquals(mask[z], again[z], "second run, trial " + trial + " plane " + z);
		}
		// voxels as near to a seed of each label were there to be decided
		org.junit.jupiter.api.Assertions.assertTrue(ties > 0, "no ties in any trial");
	}

	/**
	 * Long seed runs, as real eroded lungs have: the seeding skips eight voxels at a time where no row beside them holds
	 * an unreached voxel, and must still start the growth from every seed voxel next to one.
	 */
	@Test
	void growBackFromLargeSeedsGivesEveryVoxelANearestSeedsLabel() {
		final java.util.Random rnd = new java.util.Random(12);
		for (int trial = 0; trial < 20; trial++) {
			final int w = 30 + rnd.nextInt(40), h = 20 + rnd.nextInt(20), d = 3 + rnd.nextInt(8);
			final byte[][] mask = new byte[d][w * h], seedPlanes = new byte[d][w * h];
			final double cx = w / 2.0, cy = h / 2.0, rx = w / 2.5, ry = h / 2.5;
			for (int z = 0; z < d; z++)
				for (int y = 1; y < h - 1; y++)
					for (int x = 1; x < w - 1; x++) {
						final int i = y * w + x;
						// a dense mask with scattered holes (vessels)
						if (rnd.nextInt(100) < 93) mask[z][i] = 1;
						// two large seeds: the left and right halves of an ellipse, minus a band between them
						final double ex = (x - cx) / rx, ey = (y - cy) / ry;
						if (mask[z][i] != 0 && ex * ex + ey * ey < 1 && Math.abs(x - cx) > 2 && rnd.nextInt(100) < 97) seedPlanes[z][i] = 1;
					}
			final ConnectedComponents.Result seeds = ConnectedComponents.label(seedPlanes, w, h, org.lungprep.core.Connectivity.SIX);
			final byte[] seedLabel = new byte[seeds.count() + 1];
			for (int l = 1; l <= seeds.count(); l++)
				seedLabel[l] = (byte) (1 + rnd.nextInt(2));
			final byte[][] original = copy(mask);
			Separation.growBack(mask, seeds, seedLabel, w, h);
			assertNearestSeed(original, seeds, seedLabel, mask, w, h, "trial " + trial);
		}
	}

	/**
	 * Seeds that are whole planes, growing through the planes between them: their voxels' only unreached neighbours lie
	 * in the plane above or below, so a seeding that missed either would assign those planes differently.
	 */
	@Test
	void growBackFromWholePlanesGivesEveryVoxelANearestSeedsLabel() {
		final int w = 40, h = 24;
		for (final int d : new int[] { 5, 8 })
			for (final boolean topIsOne : new boolean[] { true, false }) {
				final byte[][] mask = new byte[d][w * h], seedPlanes = new byte[d][w * h];
				for (int z = 0; z < d; z++)
					for (int y = 1; y < h - 1; y++)
						for (int x = 1; x < w - 1; x++) {
							mask[z][y * w + x] = 1;
							// the bottom plane whole and a small patch of the top one
							if (z == 0 || z == d - 1 && x < 6 && y < 6) seedPlanes[z][y * w + x] = 1;
						}
				final ConnectedComponents.Result seeds = ConnectedComponents.label(seedPlanes, w, h, org.lungprep.core.Connectivity.SIX);
				final byte[] seedLabel = new byte[seeds.count() + 1];
				for (int l = 1; l <= seeds.count(); l++)
					seedLabel[l] = (byte) (seeds.boundingBox(l)[2] == 0 == topIsOne ? 2 : 1);
				// and mirrored in z: the whole plane on top
				for (final boolean mirrored : new boolean[] { false, true }) {
					final byte[][] m = new byte[d][], sp = new byte[d][];
					for (int z = 0; z < d; z++) {
						m[z] = mask[mirrored ? d - 1 - z : z].clone();
						sp[z] = seedPlanes[mirrored ? d - 1 - z : z].clone();
					}
					final ConnectedComponents.Result sd = ConnectedComponents.label(sp, w, h, org.lungprep.core.Connectivity.SIX);
					final byte[] sl = new byte[sd.count() + 1];
					for (int l = 1; l <= sd.count(); l++)
						sl[l] = (byte) ((sd.size(l) > 100) == topIsOne ? 1 : 2);
					final byte[][] original = copy(m);
					Separation.growBack(m, sd, sl, w, h);
					assertNearestSeed(original, sd, sl, m, w, h, "depth " + d + (mirrored ? " mirrored" : ""));
				}
			}
	}

	private static byte[][] copy(final byte[][] planes) {
		final byte[][] c = new byte[planes.length][];
		for (int z = 0; z < planes.length; z++)
			c[z] = planes[z].clone();
		return c;
	}

	/**
	 * Checks the growth against distances along the mask (6 neighbours) from each label's seeds, found by a plain
	 * breadth-first search: a voxel nearer to the seeds of one label has that label; one as near to both has either,
	 * carried by a neighbour one step nearer with the same label; one no seed reaches keeps its value; outside the mask
	 * nothing changes.
	 *
	 * @return the number of voxels as near to both labels' seeds
	 */
	private static int assertNearestSeed(final byte[][] original, final ConnectedComponents.Result seeds, final byte[] seedLabel, final byte[][] grown,
		final int w, final int h, final String what)
	{
		final int d = original.length;
		final int[][] d1 = distances(original, seeds, seedLabel, (byte) 1, w), d2 = distances(original, seeds, seedLabel, (byte) 2, w);
		int ties = 0;
		for (int z = 0; z < d; z++)
			for (int i = 0; i < w * h; i++) {
				final String at = what + ", plane " + z + " voxel " + i;
				if (original[z][i] == 0) {
					org.junit.jupiter.api.Assertions.assertEquals(0, grown[z][i], at);
					continue;
				}
				final int a = d1[z][i], b = d2[z][i], near = Math.min(a, b);
				if (near == Integer.MAX_VALUE) org.junit.jupiter.api.Assertions.assertEquals(original[z][i], grown[z][i], at + " (not reached)");
				else if (a < b) org.junit.jupiter.api.Assertions.assertEquals(1, grown[z][i], at);
				else if (b < a) org.junit.jupiter.api.Assertions.assertEquals(2, grown[z][i], at);
				else {
					ties++;
					final byte l = grown[z][i];
					org.junit.jupiter.api.Assertions.assertTrue(l == 1 || l == 2, at + " (tie) got " + l);
					boolean carried = false;
					final int[][] next = { { z, i + 1 }, { z, i - 1 }, { z, i + w }, { z, i - w }, { z + 1, i }, { z - 1, i } };
					for (final int[] n : next)
						if (n[0] >= 0 && n[0] < d && grown[n[0]][n[1]] == l && Math.min(d1[n[0]][n[1]], d2[n[0]][n[1]]) == near - 1) carried = true;
					org.junit.jupiter.api.Assertions.assertTrue(carried, at + " (tie): no neighbour one step nearer holds label " + l);
				}
			}
		return ties;
	}

	/** Distances along the mask from the voxels of the seeds with the given label (MAX_VALUE where none reaches). */
	private static int[][] distances(final byte[][] mask, final ConnectedComponents.Result seeds, final byte[] seedLabel, final byte label, final int w) {
		final int d = mask.length;
		final int[][] dist = new int[d][mask[0].length];
		for (final int[] p : dist)
			java.util.Arrays.fill(p, Integer.MAX_VALUE);
		final java.util.ArrayDeque<int[]> queue = new java.util.ArrayDeque<>();
		seeds.forEachRun((z, y, x0, x1, l) -> {
			if (seedLabel[l] != label) return;
			for (int i = y * w + x0; i < y * w + x1; i++) {
				dist[z][i] = 0;
				queue.add(new int[] { z, i });
			}
		});
		while (!queue.isEmpty()) {
			final int[] v = queue.poll();
			final int z = v[0], i = v[1];
			final int[][] next = { { z, i + 1 }, { z, i - 1 }, { z, i + w }, { z, i - w }, { z + 1, i }, { z - 1, i } };
			for (final int[] n : next)
				if (n[0] >= 0 && n[0] < d && mask[n[0]][n[1]] != 0 && dist[n[0]][n[1]] == Integer.MAX_VALUE) {
					dist[n[0]][n[1]] = dist[z][i] + 1;
					queue.add(n);
				}
		}
		return dist;
	}
}
