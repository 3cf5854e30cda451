package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Connectivity;
import org.lungprep.core.Planar;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Labeling against a brute-force flood fill, on seeded random volumes and hand-made cases. */
class ConnectedComponentsTest {

	private static byte[][] random(final int nx, final int ny, final int nz, final double density, final long seed) {
		final Random r = new Random(seed);
		final byte[][] p = new byte[nz][nx * ny];
		for (final byte[] plane : p)
			for (int i = 0; i < plane.length; i++)
				plane[i] = (byte) (r.nextDouble() < density ? 1 + r.nextInt(255) : 0); // any non-zero byte is foreground
		return p;
	}

	/** Flood fill with the connectivity's offsets, labels numbered in raster order of their first voxel. */
	private static int[][] bruteForce(final byte[][] p, final int nx, final int ny, final Connectivity c) {
		final int nz = p.length;
		final int[][] labels = new int[nz][nx * ny];
		final boolean twoD = c == Connectivity.FOUR || c == Connectivity.EIGHT;
		int next = 0;
		for (int z = 0; z < nz; z++)
			for (int i = 0; i < nx * ny; i++) {
				if (p[z][i] == 0 || labels[z][i] != 0) continue;
				next++;
				final ArrayDeque<int[]> q = new ArrayDeque<>();
				q.add(new int[] { i % nx, i / nx, z });
				labels[z][i] = next;
				while (!q.isEmpty()) {
					final int[] v = q.poll();
					for (int dz = -1; dz <= 1; dz++)
						for (int dy = -1; dy <= 1; dy++)
							for (int dx = -1; dx <= 1; dx++) {
								final int nonZero = (dx != 0 ? 1 : 0) + (dy != 0 ? 1 : 0) + (dz != 0 ? 1 : 0);
								if (nonZero == 0 || twoD && dz != 0) continue;
								final int max = c == Connectivity.FOUR || c == Connectivity.SIX ? 1 : c == Connectivity.EIGHTEEN ? 2 : 3;
								if (nonZero > max) continue;
								final int x = v[0] + dx, y = v[1] + dy, zz = v[2] + dz;
								if (x < 0 || y < 0 || zz < 0 || x >= nx || y >= ny || zz >= nz) continue;
								final int j = y * nx + x;
								if (p[zz][j] == 0 || labels[zz][j] != 0) continue;
								labels[zz][j] = next;
								q.add(new int[] { x, y, zz });
							}
				}
			}
		return labels;
	}

	private static int[][] ours(final byte[][] p, final int nx, final int ny, final Connectivity c) {
		final PlanarImg<IntType, ?> img = ConnectedComponents.label(p, nx, ny, c).labelImage();
		final int[][] out = new int[p.length][];
		for (int z = 0; z < p.length; z++)
			out[z] = Planar.plane(img, z);
		return out;
	}

	@Test
	void matchesFloodFillOnRandomVolumes() {
		final int[][] shapes = { { 17, 13, 11 }, { 40, 1, 1 }, { 1, 30, 7 }, { 9, 9, 1 }, { 25, 3, 20 }, { 70, 5, 3 } };
		long seed = 1;
		for (final int[] s : shapes)
			for (final double density : new double[] { 0, 0.1, 0.3, 0.5, 0.7, 0.95, 1 })
				for (final Connectivity c : Connectivity.values()) {
					final byte[][] p = random(s[0], s[1], s[2], density, seed++);
					final int[][] expected = bruteForce(p, s[0], s[1], c);
					final int[][] actual = ours(p, s[0], s[1], c);
					for (int z = 0; z < p.length; z++)
						assertArrayEquals(expected[z], actual[z], c + " density " + density + " shape " + s[0] + "x" + s[1] + "x" + s[2] + " plane " + z);
				}
	}

	/**
	 * Sizes and boxes against the flood fill's labels, on volumes with enough runs (50 000 and more) that they are
	 * added up over two halves of the planes at once, and on small ones.
	 */
	@Test
	void sizesAndBoxesMatchTheFloodFill() {
		final int[][] shapes = { { 120, 100, 24 }, { 90, 70, 40 }, { 12, 10, 5 } };
		long seed = 100;
		for (final int[] s : shapes)
			for (final Connectivity c : new Connectivity[] { Connectivity.SIX, Connectivity.TWENTY_SIX }) {
				final int nx = s[0], ny = s[1], nz = s[2];
				final byte[][] p = random(nx, ny, nz, 0.45, seed++);
				final int[][] labels = bruteForce(p, nx, ny, c);
				final ConnectedComponents.Result r = ConnectedComponents.label(p, nx, ny, c);
				int count = 0;
				for (final int[] plane : labels)
					for (final int l : plane)
						count = Math.max(count, l);
				assertEquals(count, r.count());
				final long[] size = new long[count + 1];
				final int[][] box = new int[count + 1][];
				for (int z = 0; z < nz; z++)
					for (int i = 0; i < nx * ny; i++) {
						final int l = labels[z][i];
						if (l == 0) continue;
						size[l]++;
						final int x = i % nx, y = i / nx;
						if (box[l] == null) box[l] = new int[] { x, y, z, x, y, z };
						final int[] b = box[l];
						b[0] = Math.min(b[0], x);
						b[1] = Math.min(b[1], y);
						b[2] = Math.min(b[2], z);
						b[3] = Math.max(b[3], x);
						b[4] = Math.max(b[4], y);
						b[5] = Math.max(b[5], z);
					}
				for (int l = 1; l <= count; l++) {
					assertEquals(size[l], r.size(l), c + " " + nx + "x" + ny + "x" + nz + " size of " + l);
					assertArrayEquals(box[l], r.boundingBox(l), c + " " + nx + "x" + ny + "x" + nz + " box of " + l);
				}
			}
	}

	@Test
	void cornerAndEdgeTouchingCubes() {
		final int n = 6;
		final byte[][] corner = new byte[n][n * n], edge = new byte[n][n * n], face = new byte[n][n * n];
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					final boolean a = x < 3 && y < 3 && z < 3;
					if (a || x >= 3 && y >= 3 && z >= 3) corner[z][y * n + x] = 1; // touch at one corner
					if (a || x >= 3 && y >= 3 && z < 3) edge[z][y * n + x] = 1; // touch along an edge
					if (a || x >= 3 && y < 3 && z < 3) face[z][y * n + x] = 1; // touch along a face
				}
		assertEquals(2, ConnectedComponents.label(corner, n, n, Connectivity.SIX).count());
		assertEquals(2, ConnectedComponents.label(corner, n, n, Connectivity.EIGHTEEN).count());
		assertEquals(1, ConnectedComponents.label(corner, n, n, Connectivity.TWENTY_SIX).count());
		assertEquals(2, ConnectedComponents.label(edge, n, n, Connectivity.SIX).count());
		assertEquals(1, ConnectedComponents.label(edge, n, n, Connectivity.EIGHTEEN).count());
		assertEquals(1, ConnectedComponents.label(face, n, n, Connectivity.SIX).count());
		final ConnectedComponents.Result r = ConnectedComponents.label(corner, n, n, Connectivity.SIX);
		assertEquals(27, r.size(1));
		assertArrayEquals(new int[] { 0, 0, 0, 2, 2, 2 }, r.boundingBox(1));
		assertArrayEquals(new int[] { 3, 3, 3, 5, 5, 5 }, r.boundingBox(2));
		// 2-D: each plane on its own
		assertEquals(3, ConnectedComponents.label(face, n, n, Connectivity.FOUR).count(), "one rectangle in each of the 3 lower planes, each plane labelled on its own");
	}

	@Test
	void singleAndMultiThreadedGiveIdenticalLabels() {
		final byte[][] p = random(64, 48, 40, 0.45, 99);
		final int[][][] results = new int[2][][];
		Parallelization.runSingleThreaded(() -> results[0] = ours(p, 64, 48, Connectivity.TWENTY_SIX));
		Parallelization.runWithNumThreads(4, () -> results[1] = ours(p, 64, 48, Connectivity.TWENTY_SIX));
		for (int z = 0; z < p.length; z++)
			assertArrayEquals(results[0][z], results[1][z]);
	}

	@Test
	void publicEntryPointTakesAnyRealImage() {
		final PlanarImg<UnsignedByteType, ?> img = Planar.unsignedBytes(5, 5, 2);
		img.randomAccess().setPositionAndGet(1, 1, 0).set(1);
		img.randomAccess().setPositionAndGet(3, 3, 1).set(7);
		final ConnectedComponents.Result r = ConnectedComponents.label(img, Connectivity.TWENTY_SIX);
		assertEquals(2, r.count());
		assertEquals(1, r.labelAt(1, 1, 0));
		assertEquals(2, r.labelAt(3, 3, 1));
		assertEquals(0, r.labelAt(0, 0, 0));
	}
}
