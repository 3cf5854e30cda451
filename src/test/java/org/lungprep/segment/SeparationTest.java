package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
