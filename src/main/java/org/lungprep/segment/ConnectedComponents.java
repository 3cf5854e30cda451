package org.lungprep.segment;

import java.util.Arrays;

import org.lungprep.core.Connectivity;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;

/**
 * Connected-component labeling of binary volumes (non-zero = foreground) in 2-D (4 or 8 neighbours, each z plane on
 * its own) and 3-D (6, 18 or 26 neighbours). Linear time: runs of foreground along x are extracted in parallel, then
 * joined with a union-find over runs whose neighbouring rows overlap. Labels are compact (1..n) and numbered in raster
 * order of each component's first voxel (x fastest, then y, then z), as scikit-image numbers them, so the result does
 * not depend on the number of threads.
 */
public final class ConnectedComponents {

	private ConnectedComponents() { }

	/** The components of one labeling. */
	public static final class Result {
		private final Runs runs;
		private final int[] runLabel;
		private final int count;
		private final long[] sizes;
		/** Per label l, {xmin, ymin, zmin, xmax, ymax, zmax} at 6 l. */
		private final int[] boxes;

		Result(final Runs runs, final int[] runLabel, final int count) {
			this.runs = runs;
			this.runLabel = runLabel;
			this.count = count;
			// sizes and boxes (six ints per label) added up over the two halves of the planes at once, then joined
			final int nz = runs.nz, parts = nz >= 4 && runs.count() >= 50_000 ? 2 : 1;
			final long[][] partSizes = new long[parts][];
			final int[][] partBoxes = new int[parts][];
			Parallel.forEach(parts, p -> {
				final long[] sz = new long[count + 1];
				final int[] bx = emptyBoxes(count);
				for (int z = p * nz / parts, z1 = (p + 1) * nz / parts; z < z1; z++)
					for (int y = 0; y < runs.ny; y++) {
						final int row = z * runs.ny + y;
						for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++) {
							final int l = runLabel[r], o = 6 * l;
							sz[l] += runs.x1[r] - runs.x0[r];
							if (runs.x0[r] < bx[o]) bx[o] = runs.x0[r];
							if (y < bx[o + 1]) bx[o + 1] = y;
							if (z < bx[o + 2]) bx[o + 2] = z;
							if (runs.x1[r] - 1 > bx[o + 3]) bx[o + 3] = runs.x1[r] - 1;
							if (y > bx[o + 4]) bx[o + 4] = y;
							if (z > bx[o + 5]) bx[o + 5] = z;
						}
					}
				partSizes[p] = sz;
				partBoxes[p] = bx;
			});
			sizes = partSizes[0];
			boxes = partBoxes[0];
			for (int p = 1; p < parts; p++)
				for (int l = 1; l <= count; l++) {
					sizes[l] += partSizes[p][l];
					final int o = 6 * l;
					for (int k = 0; k < 3; k++) {
						boxes[o + k] = Math.min(boxes[o + k], partBoxes[p][o + k]);
						boxes[o + 3 + k] = Math.max(boxes[o + 3 + k], partBoxes[p][o + 3 + k]);
					}
				}
		}

		private static int[] emptyBoxes(final int count) {
			final int[] b = new int[6 * (count + 1)];
			for (int l = 1; l <= count; l++) {
				final int o = 6 * l;
				b[o] = b[o + 1] = b[o + 2] = Integer.MAX_VALUE;
				b[o + 3] = b[o + 4] = b[o + 5] = -1;
			}
			return b;
		}

		/** @return the number of components */
		public int count() { return count; }

		/** @return the number of voxels of component l (1..count) */
		public long size(final int l) { return sizes[l]; }

		/** @return the bounding box of component l: {xmin, ymin, zmin, xmax, ymax, zmax}, inclusive */
		public int[] boundingBox(final int l) { return Arrays.copyOfRange(boxes, 6 * l, 6 * l + 6); }

		/** @return the label of the largest component (the lowest label among equal sizes), 0 when there is none */
		public int largest() {
			int best = 0;
			for (int l = 1; l <= count; l++)
				if (best == 0 || sizes[l] > sizes[best]) best = l;
			return best;
		}

		/** @return the label of voxel (x, y, z), 0 for background */
		public int labelAt(final int x, final int y, final int z) {
			final int row = z * runs.ny + y;
			for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++)
				if (x >= runs.x0[r] && x < runs.x1[r]) return runLabel[r];
			return 0;
		}

		/**
		 * Writes {@code value} into the planes at every voxel of the components for which {@code keep[label]} is true
		 * (planes in parallel).
		 */
		public void paint(final byte[][] planes, final boolean[] keep, final byte value) {
			Parallel.forEach(runs.nz, z -> {
				final byte[] p = planes[z];
				for (int y = 0; y < runs.ny; y++) {
					final int row = z * runs.ny + y;
					for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++)
						if (keep[runLabel[r]]) java.util.Arrays.fill(p, y * runs.nx + runs.x0[r], y * runs.nx + runs.x1[r], value);
				}
			});
		}

		/** A run of voxels [x0, x1) of row (y, z) with its label. */
		interface RunVisitor {
			void visit(int z, int y, int x0, int x1, int label);
		}

		/** Visits every run in raster order (z, then y, then x). */
		void forEachRun(final RunVisitor visitor) {
			for (int z = 0; z < runs.nz; z++)
				for (int y = 0; y < runs.ny; y++) {
					final int row = z * runs.ny + y;
					for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++)
						visitor.visit(z, y, runs.x0[r], runs.x1[r], runLabel[r]);
				}
		}

		/** Visits the runs of plane z in raster order (safe to call for different planes from several threads). */
		void forEachRunInPlane(final int z, final RunVisitor visitor) {
			for (int y = 0; y < runs.ny; y++) {
				final int row = z * runs.ny + y;
				for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++)
					visitor.visit(z, y, runs.x0[r], runs.x1[r], runLabel[r]);
			}
		}

		/** Like {@link #paint} for a labeling of a single plane, into that plane (no threads). */
		void paintPlane(final byte[] p, final boolean[] keep, final byte value) {
			for (int y = 0; y < runs.ny; y++)
				for (int r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++)
					if (keep[runLabel[r]]) java.util.Arrays.fill(p, y * runs.nx + runs.x0[r], y * runs.nx + runs.x1[r], value);
		}

		/** @return the label image (0 background), as a new int planar image */
		public PlanarImg<IntType, ?> labelImage() {
			final PlanarImg<IntType, ?> img = Planar.ints(runs.nx, runs.ny, runs.nz);
			for (int z = 0; z < runs.nz; z++) {
				final int[] p = Planar.plane(img, z);
				for (int y = 0; y < runs.ny; y++) {
					final int row = z * runs.ny + y;
					for (int r = runs.rowStart[row]; r < runs.rowStart[row + 1]; r++)
						java.util.Arrays.fill(p, y * runs.nx + runs.x0[r], y * runs.nx + runs.x1[r], runLabel[r]);
				}
			}
			return img;
		}
	}

	/**
	 * @param mask a binary image (any real type; non-zero = foreground), 2-D planes stacked in z or a 3-D volume
	 * @param connectivity FOUR or EIGHT label each z plane on its own; SIX, EIGHTEEN, TWENTY_SIX label in 3-D
	 * @return the components
	 */
	public static Result label(final RandomAccessibleInterval<? extends RealType<?>> mask, final Connectivity connectivity) {
		return labelPlanar(Planar.asUnsignedBytes(mask), connectivity);
	}

	static Result labelPlanar(final PlanarImg<?, ?> bytes, final Connectivity connectivity) {
		final int nz = (int) bytes.dimension(2);
		final byte[][] planes = new byte[nz][];
		for (int z = 0; z < nz; z++)
			planes[z] = Planar.plane(bytes, z);
		return label(planes, (int) bytes.dimension(0), (int) bytes.dimension(1), connectivity);
	}

	/** Labels byte planes (the fast path used by the segmentation). */
	static Result label(final byte[][] planes, final int nx, final int ny, final Connectivity connectivity) {
		return label(Runs.of(planes, nx, ny), connectivity);
	}

	static Result label(final Runs runs, final Connectivity c) {
		final int n = runs.count();
		final int[] parent = new int[n];
		for (int i = 0; i < n; i++)
			parent[i] = i;
		final boolean threeD = c == Connectivity.SIX || c == Connectivity.EIGHTEEN || c == Connectivity.TWENTY_SIX;
		// rows to compare with, as {dy, dz, diagonal (x +-1 counts)}
		final int[][] neighbours;
		switch (c) {
			case FOUR: neighbours = new int[][] { { -1, 0, 0 } }; break;
			case EIGHT: neighbours = new int[][] { { -1, 0, 1 } }; break;
			case SIX: neighbours = new int[][] { { -1, 0, 0 }, { 0, -1, 0 } }; break;
			case EIGHTEEN: neighbours = new int[][] { { -1, 0, 1 }, { 0, -1, 1 }, { -1, -1, 0 }, { 1, -1, 0 } }; break;
			case TWENTY_SIX: neighbours = new int[][] { { -1, 0, 1 }, { 0, -1, 1 }, { -1, -1, 1 }, { 1, -1, 1 } }; break;
			default: throw new IllegalArgumentException("connectivity " + c);
		}
		final int nz = runs.nz;
		// two halves of the planes joined in parallel: their runs are disjoint index ranges and every union stays in
		// its half, so the two never touch the same entries; then the links across the cut. The components (and so
		// the labels, numbered in raster order below) do not depend on the order of the unions.
		final int cut = threeD && nz >= 4 ? nz / 2 : 0;
		if (cut > 0) {
			Parallel.forEach(2, half -> unionRows(runs, parent, neighbours, half == 0 ? 0 : cut, half == 0 ? cut : nz, half == 0 ? 0 : cut, false));
			unionRows(runs, parent, neighbours, cut, cut + 1, cut - 1, true);
		}
		else unionRows(runs, parent, neighbours, 0, nz, threeD ? 0 : Integer.MAX_VALUE, false);
		// compact labels in raster order of first run (= first voxel). A root is the smallest index of its set and
		// every parent index is at most its child's, so in index order each run's parent already points at its root.
		final int[] label = new int[n];
		final int[] rootLabel = new int[n];
		int count = 0;
		for (int i = 0; i < n; i++) {
			final int r = parent[parent[i]];
			parent[i] = r;
			if (rootLabel[r] == 0) rootLabel[r] = ++count;
			label[i] = rootLabel[r];
		}
		return new Result(runs, label, count);
	}

	/**
	 * Joins the runs of planes [z0, z1) with their neighbour rows: rows in planes before zMin are left out (for 2-D
	 * connectivities zMin is past every plane, so only the plane's own rows count), and with {@code crossOnly} only
	 * rows in other planes are looked at.
	 */
	private static void unionRows(final Runs runs, final int[] parent, final int[][] neighbours, final int z0, final int z1, final int zMin,
		final boolean crossOnly)
	{
		final int ny = runs.ny;
		for (int z = z0; z < z1; z++)
			for (int y = 0; y < ny; y++) {
				final int row = z * ny + y;
				final int a0 = runs.rowStart[row], a1 = runs.rowStart[row + 1];
				if (a0 == a1) continue;
				for (final int[] nb : neighbours) {
					final int yy = y + nb[0], zz = z + nb[1];
					if (yy < 0 || yy >= ny || zz < 0) continue;
					if (zz != z && zz < zMin) continue;
					if (crossOnly && zz == z) continue;
					final int other = zz * ny + yy;
					final int d = nb[2];
					int b = runs.rowStart[other];
					final int b1 = runs.rowStart[other + 1];
					// merge-walk the two sorted run lists
					for (int a = a0; a < a1 && b < b1;) {
						if (runs.x0[a] < runs.x1[b] + d && runs.x0[b] < runs.x1[a] + d) union(parent, a, b);
						if (runs.x1[a] < runs.x1[b]) a++;
						else b++;
					}
				}
			}
	}

	/** Union-find over indices (with path halving), shared by the 2-D run morphology ({@link RowRuns}). */
	static int find(final int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	static void union(final int[] parent, final int a, final int b) {
		final int ra = find(parent, a), rb = find(parent, b);
		if (ra == rb) return;
		// the smaller index becomes the root: deterministic
		if (ra < rb) parent[rb] = ra;
		else parent[ra] = rb;
	}
}
