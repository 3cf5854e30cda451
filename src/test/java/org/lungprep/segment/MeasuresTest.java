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

	@Test
	void volumesMatchAPlainCountOnRandomLabels() {
		final java.util.Random rnd = new java.util.Random(6);
		for (int trial = 0; trial < 40; trial++) {
			final int nx = 1 + rnd.nextInt(37), ny = 1 + rnd.nextInt(9), nz = 1 + rnd.nextInt(4);
			final byte[][] labels = new byte[nz][nx * ny];
			long r = 0, l = 0, a = 0;
			for (int z = 0; z < nz; z++)
				for (int i = 0; i < nx * ny; i++) {
					// stretches of one value, mixed runs of 1 and 2, and now and then another label value
					final byte v = i > 0 && rnd.nextInt(4) > 0 ? labels[z][i - 1] : (byte) (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(10) == 0 ? 3 : 1 + rnd.nextInt(2));
					labels[z][i] = v;
					if (v != 0) a++;
					if (v == 1) r++;
					if (v == 2) l++;
				}
			final LungQc qc = Measures.qc(labels, nx, ny, 1, true, 1);
			assertEquals(r, qc.rightMl(), 1e-9, "trial " + trial);
			assertEquals(l, qc.leftMl(), 1e-9, "trial " + trial);
			assertEquals(a, qc.totalMl(), 1e-9, "trial " + trial);
		}
	}
}
