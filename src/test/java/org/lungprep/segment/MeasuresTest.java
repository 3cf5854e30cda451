package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Volumes, slice range, components and image-edge contact of label planes. */
class MeasuresTest {

	@Test
	void countsLabelsAndFindsTheImageEdge() {
		final int nx = 7, ny = 5;
		final byte[][] planes = new byte[4][nx * ny];
		planes[1][2 * nx + 3] = 1;
		planes[1][2 * nx + 4] = 1;
		planes[3][2 * nx + 1] = 2;
		LungQc qc = Measures.qc(planes, nx, ny, 0.5, true);
		assertEquals(1.0, qc.rightMl(), 1e-12);
		assertEquals(0.5, qc.leftMl(), 1e-12);
		assertEquals(1.5, qc.totalMl(), 1e-12);
		assertFalse(qc.touchesBorder());
		assertEquals(2, qc.components());
		assertEquals(1, qc.firstSlice());
		assertEquals(3, qc.lastSlice());
		// any of the four image edges, on any slice
		for (final int i : new int[] { 3, nx * 2, nx * 3 - 1, nx * (ny - 1) + 5 }) {
			final byte[][] p = new byte[4][];
			for (int z = 0; z < 4; z++)
				p[z] = planes[z].clone();
			p[2][i] = 1;
			qc = Measures.qc(p, nx, ny, 0.5, true);
			assertTrue(qc.touchesBorder(), "pixel " + i % nx + "," + i / nx);
		}
	}
}
