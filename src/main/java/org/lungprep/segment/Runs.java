package org.lungprep.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

	/**
	 * The first index in [x, end) whose byte is non-zero (foreground false) or zero (foreground true), or end; eight
	 * bytes at a time through long words while they hold no such byte.
	 */
	private static int skip(final byte[] p, int x, final int end, final boolean foreground) {
		if (foreground) {
			// a word without a zero byte is all foreground
			while (x + 8 <= end) {
				final long v = (long) LONGS.get(p, x);
				if (((v - ONES) & ~v & HIGHS) != 0) break;
				x += 8;
			}
			while (x < end && p[x] != 0)
				x++;
		}
		else {
			while (x + 8 <= end && (long) LONGS.get(p, x) == 0)
				x += 8;
			while (x < end && p[x] == 0)
				x++;
		}
		return x;
	}

	/** @return the first index in [from, end) holding a non-zero byte, or end (eight bytes at a time over zeros) */
	static int firstSet(final byte[] p, final int from, final int end) {
		return skip(p, from, end, false);
	}

	/** @return the last index in [from, end) holding a non-zero byte, or from - 1 */
	static int lastSet(final byte[] p, final int from, final int end) {
		int x = end - 1;
		while (x >= from && p[x] == 0)
			x--;
		return x;
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
					x = skip(p, x, end, false);
					if (x == end) break;
					final int s = x;
					x = skip(p, x, end, true);
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
