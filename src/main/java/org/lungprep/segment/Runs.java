package org.lungprep.segment;

import java.util.Arrays;

import org.lungprep.core.ByteScan;
import org.lungprep.core.Parallel;

/**
 * A binary volume as runs of foreground along x: for every row (z, y) the maximal intervals [x0, x1) of non-zero
 * voxels. Connected-component labeling works on runs instead of voxels, which is linear in the number of runs.
 */
final class Runs {
	final int nx, ny, nz;
	/** rowStart[z * ny + y] .. rowStart[z * ny + y + 1] index the runs of row (z, y). */
	final int[] rowStart;
	final int[] x0;
	final int[] x1;

	private Runs(final int nx, final int ny, final int nz, final int[] rowStart, final int[] x0, final int[] x1) {
		this.nx = nx;
		this.ny = ny;
		this.nz = nz;
		this.rowStart = rowStart;
		this.x0 = x0;
		this.x1 = x1;
	}

	int count() {
		return x0.length;
	}

	/** Extracts the runs of byte planes (non-zero = foreground), planes in parallel. */
	static Runs of(final byte[][] planes, final int nx, final int ny) {
		final PlaneRuns[] perPlane = new PlaneRuns[planes.length];
		Parallel.forEach(planes.length, z -> {
			final byte[] p = planes[z];
			final PlaneRuns r = new PlaneRuns(ny);
			for (int y = 0; y < ny; y++) {
				final int o = y * nx, end = o + nx;
				for (int x = ByteScan.firstSet(p, o, end); x < end; x = ByteScan.firstSet(p, x, end)) {
					final int s = x;
					x = ByteScan.firstClear(p, x, end);
					r.add(y, s - o, x - o);
				}
			}
			perPlane[z] = r;
		});
		return assemble(perPlane, nx, ny);
	}

	/**
	 * Extracts the runs of values at or below a threshold of int16 planes (the air of a CT), planes in parallel: the
	 * runs of the thresholded mask without writing the mask.
	 */
	static Runs atOrBelow(final short[][] planes, final int nx, final int ny, final int threshold) {
		final PlaneRuns[] perPlane = new PlaneRuns[planes.length];
		Parallel.forEach(planes.length, z -> {
			final short[] p = planes[z];
			final PlaneRuns r = new PlaneRuns(ny);
			for (int y = 0; y < ny; y++) {
				final int o = y * nx, end = o + nx;
				int x = o;
				while (x < end) {
					while (x < end && p[x] > threshold)
						x++;
					if (x == end) break;
					final int s = x;
					while (x < end && p[x] <= threshold)
						x++;
					r.add(y, s - o, x - o);
				}
			}
			perPlane[z] = r;
		});
		return assemble(perPlane, nx, ny);
	}

	/**
	 * The 6-neighbour erosion: a voxel stays when it and its six neighbours are set. Beyond the first and last plane
	 * counts as set, beyond the first and last row and column as not set. Worked on the runs themselves (each row's
	 * runs, shrunk by one at both ends, intersected with the runs of the four rows around it), planes in parallel.
	 */
	Runs erode6() {
		final PlaneRuns[] perPlane = new PlaneRuns[nz];
		Parallel.forEach(nz, z -> {
			final PlaneRuns r = new PlaneRuns(ny);
			int[] cur = new int[64], next = new int[64];
			for (int y = 1; y < ny - 1; y++) {
				final int row = z * ny + y;
				// the row shrunk by one voxel at both ends (its x neighbours)
				int n = 0;
				if (cur.length < 2 * (rowStart[row + 1] - rowStart[row])) cur = new int[2 * (rowStart[row + 1] - rowStart[row])];
				for (int k = rowStart[row]; k < rowStart[row + 1]; k++)
					if (x1[k] - x0[k] > 2) {
						cur[n++] = x0[k] + 1;
						cur[n++] = x1[k] - 1;
					}
				// intersected with the rows above and below and the same row of the planes below and above
				final int[] others = { row - 1, row + 1, z > 0 ? row - ny : -1, z < nz - 1 ? row + ny : -1 };
				for (final int o : others) {
					if (n == 0) break;
					if (o < 0) continue;
					if (next.length < n + 2 * (rowStart[o + 1] - rowStart[o])) next = new int[n + 2 * (rowStart[o + 1] - rowStart[o])];
					int m = 0, i = 0, j = rowStart[o];
					final int jEnd = rowStart[o + 1];
					while (i < n && j < jEnd) {
						final int lo = Math.max(cur[i], x0[j]), hi = Math.min(cur[i + 1], x1[j]);
						if (lo < hi) {
							next[m++] = lo;
							next[m++] = hi;
						}
						if (cur[i + 1] < x1[j]) i += 2;
						else j++;
					}
					final int[] t = cur;
					cur = next;
					next = t;
					n = m;
				}
				for (int i = 0; i < n; i += 2)
					r.add(y, cur[i], cur[i + 1]);
			}
			perPlane[z] = r;
		});
		return assemble(perPlane, nx, ny);
	}

	/** One plane's runs as they are found, row by row. */
	private static final class PlaneRuns {
		int[] a = new int[64], b = new int[64];
		final int[] counts;
		int k;

		PlaneRuns(final int ny) {
			counts = new int[ny];
		}

		void add(final int y, final int x0, final int x1) {
			if (k == a.length) {
				a = Arrays.copyOf(a, 2 * k);
				b = Arrays.copyOf(b, 2 * k);
			}
			a[k] = x0;
			b[k++] = x1;
			counts[y]++;
		}
	}

	private static Runs assemble(final PlaneRuns[] perPlane, final int nx, final int ny) {
		final int nz = perPlane.length;
		int total = 0;
		for (int z = 0; z < nz; z++)
			total += perPlane[z].k;
		final int[] rowStart = new int[nz * ny + 1];
		final int[] x0 = new int[total], x1 = new int[total];
		int k = 0;
		for (int z = 0; z < nz; z++) {
			System.arraycopy(perPlane[z].a, 0, x0, k, perPlane[z].k);
			System.arraycopy(perPlane[z].b, 0, x1, k, perPlane[z].k);
			for (int y = 0; y < ny; y++) {
				rowStart[z * ny + y] = k;
				k += perPlane[z].counts[y];
			}
		}
		rowStart[nz * ny] = k;
		return new Runs(nx, ny, nz, rowStart, x0, x1);
	}
}
