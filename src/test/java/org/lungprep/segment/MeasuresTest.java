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

	@Test
	void warningsSayWhatIsMissing() {
		final int nx = 4, ny = 4;
		final byte[][] empty = new byte[2][nx * ny];
		LungQc qc = Measures.qc(empty, nx, ny, 1000, true);
		assertTrue(qc.warnings().contains("no lung found: the mask is empty"), qc.warnings().toString());
		assertFalse(qc.warnings().toString().contains("only one lung"), qc.warnings().toString());
		final byte[][] leftOnly = new byte[2][nx * ny];
		leftOnly[0][5] = 2;
		qc = Measures.qc(leftOnly, nx, ny, 1000, true);
		assertTrue(qc.warnings().contains("only one lung found (right lung missing)"), qc.warnings().toString());
		// 2 L in each lung: plausible, no warnings
		final byte[][] both = new byte[2][nx * ny];
		both[0][5] = 1;
		both[0][6] = 1;
		both[1][9] = 2;
		both[1][10] = 2;
		qc = Measures.qc(both, nx, ny, 1000, true);
		assertTrue(qc.warnings().isEmpty(), qc.warnings().toString());
	}
}
