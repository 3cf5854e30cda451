package org.lungprep.segment;


import org.lungprep.core.ByteScan;
import org.lungprep.core.Connectivity;
import org.lungprep.core.Parallel;


/** QC measures of label planes. */
final class Measures {

	private Measures() { }

	static LungQc qc(final byte[][] labels, final int nx, final int ny, final double voxelMl, final boolean labelled) {
		return qc(labels, nx, ny, voxelMl, labelled, -1);
	}

	/** As above, with the number of 26-connected components when the caller knows it (-1: count them). */
	static LungQc qc(final byte[][] labels, final int nx, final int ny, final double voxelMl, final boolean labelled, final int knownComponents) {
		// per plane (in parallel): right, left and all voxels, and whether any touches the image edge
		final int nz = labels.length;
		final long[][] counts = new long[nz][3];
		final boolean[] edge = new boolean[nz];
		Parallel.forEach(nz, z -> {
			final byte[] p = labels[z];
			long r = 0, l = 0, a = 0;
			boolean e = false;
			for (int y = 0, o = 0; y < ny; y++, o += nx) {
				// only the mask's runs are visited: empty stretches are skipped eight bytes at a time
				final int end = o + nx;
				for (int x = ByteScan.firstSet(p, o, end); x < end; x = ByteScan.firstSet(p, x, end)) {
					final int runEnd = ByteScan.firstClear(p, x, end);
					a += runEnd - x;
					for (; x < runEnd; x++)
						if (p[x] == 1) r++;
						else if (p[x] == 2) l++;
				}
				e |= p[o] != 0 || p[o + nx - 1] != 0;
				if (y == 0 || y == ny - 1)
					for (int x = 0; x < nx; x++)
						e |= p[o + x] != 0;
			}
			counts[z][0] = r;
			counts[z][1] = l;
			counts[z][2] = a;
			edge[z] = e;
		});
		long right = 0, left = 0, any = 0;
		int first = -1, last = -1;
		boolean border = false;
		for (int z = 0; z < nz; z++) {
			right += counts[z][0];
			left += counts[z][1];
			any += counts[z][2];
			border |= edge[z];
			if (counts[z][2] > 0) {
				if (first < 0) first = z;
				last = z;
			}
		}
		final int components = any == 0 ? 0 : knownComponents >= 0 ? knownComponents : ConnectedComponents.label(labels, nx, ny, Connectivity.TWENTY_SIX).count();
		return new LungQc(labelled ? right * voxelMl : 0, labelled ? left * voxelMl : 0, any * voxelMl, components, border, first, last, labelled);
	}
}
