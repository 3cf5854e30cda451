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

	/** @return the first index in [from, end) holding a non-zero byte, or end (eight bytes at a time over zeros) */
	static int firstSet(final byte[] p, final int from, final int end) {
		return ByteScan.firstSet(p, from, end);
	}

	/** @return the last index in [from, end) holding a non-zero byte, or from - 1 */
	static int lastSet(final byte[] p, final int from, final int end) {
		return ByteScan.lastSet(p, from, end);
	}

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
		final int nz = planes.length;
		final int[][] perPlaneX0 = new int[nz][], perPlaneX1 = new int[nz][];
		final int[][] perPlaneRowCounts = new int[nz][];
		Parallel.forEach(nz, z -> {
			final byte[] p = planes[z];
			int[] a = new int[64], b = new int[64];
			final int[] counts = new int[ny];
			int k = 0;
			for (int y = 0; y < ny; y++) {
				final int o = y * nx, end = o + nx;
				int x = o;
				while (x < end) {
					x = ByteScan.firstSet(p, x, end);
					if (x == end) break;
					final int s = x;
					x = ByteScan.firstClear(p, x, end);
					if (k == a.length) {
						a = Arrays.copyOf(a, 2 * k);
						b = Arrays.copyOf(b, 2 * k);
					}
					a[k] = s - o;
					b[k] = x - o;
					k++;
					counts[y]++;
				}
			}
			perPlaneX0[z] = Arrays.copyOf(a, k);
			perPlaneX1[z] = Arrays.copyOf(b, k);
			perPlaneRowCounts[z] = counts;
		});
		int total = 0;
		for (int z = 0; z < nz; z++)
			total += perPlaneX0[z].length;
		final int[] rowStart = new int[nz * ny + 1];
		final int[] x0 = new int[total], x1 = new int[total];
		int k = 0;
		for (int z = 0; z < nz; z++) {
			System.arraycopy(perPlaneX0[z], 0, x0, k, perPlaneX0[z].length);
			System.arraycopy(perPlaneX1[z], 0, x1, k, perPlaneX1[z].length);
			for (int y = 0; y < ny; y++) {
				rowStart[z * ny + y] = k;
				k += perPlaneRowCounts[z][y];
			}
		}
		rowStart[nz * ny] = k;
		return new Runs(nx, ny, nz, rowStart, x0, x1);
	}
}
