package org.lungprep.segment;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.parallel.Parallelization;

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
		final int nz = planes.length;
		final int[][] perPlaneX0 = new int[nz][], perPlaneX1 = new int[nz][];
		final int[][] perPlaneRowCounts = new int[nz][];
		final List<Integer> zs = new ArrayList<>(nz);
		for (int z = 0; z < nz; z++)
			zs.add(z);
		Parallelization.getTaskExecutor().forEach(zs, z -> {
			final byte[] p = planes[z];
			int n = 0;
			for (int y = 0; y < ny; y++) {
				final int o = y * nx;
				boolean in = false;
				for (int x = 0; x < nx; x++) {
					final boolean f = p[o + x] != 0;
					if (f && !in) n++;
					in = f;
				}
			}
			final int[] a = new int[n], b = new int[n], counts = new int[ny];
			int k = 0;
			for (int y = 0; y < ny; y++) {
				final int o = y * nx;
				int x = 0;
				while (x < nx) {
					while (x < nx && p[o + x] == 0)
						x++;
					if (x == nx) break;
					final int s = x;
					while (x < nx && p[o + x] != 0)
						x++;
					a[k] = s;
					b[k] = x;
					k++;
					counts[y]++;
				}
			}
			perPlaneX0[z] = a;
			perPlaneX1[z] = b;
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
