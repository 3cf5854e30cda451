package org.lungprep.segment;

import org.lungprep.core.Connectivity;

/** QC measures of label planes. */
final class Measures {

	private Measures() { }

	static LungQc qc(final byte[][] labels, final int nx, final int ny, final double voxelMl, final boolean labelled) {
		long right = 0, left = 0, any = 0;
		int first = -1, last = -1;
		boolean border = false;
		for (int z = 0; z < labels.length; z++) {
			final byte[] p = labels[z];
			boolean has = false;
			for (int i = 0; i < p.length; i++) {
				final int v = p[i];
				if (v == 0) continue;
				has = true;
				any++;
				if (v == 1) right++;
				else if (v == 2) left++;
				final int x = i % nx, y = i / nx;
				if (x == 0 || y == 0 || x == nx - 1 || y == ny - 1) border = true;
			}
			if (has) {
				if (first < 0) first = z;
				last = z;
			}
		}
		final int components = any == 0 ? 0 : ConnectedComponents.label(labels, nx, ny, Connectivity.TWENTY_SIX).count();
		return new LungQc(labelled ? right * voxelMl : 0, labelled ? left * voxelMl : 0, any * voxelMl, components, border, first, last, labelled);
	}
}
