package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The row scans: first and last non-zero byte of a range against a plain scan; runs below a threshold. */
class RunsTest {

	@Test
	void firstAndLastSetMatchAPlainScan() {
		final java.util.Random rnd = new java.util.Random(11);
		for (int trial = 0; trial < 2000; trial++) {
			final byte[] p = new byte[1 + rnd.nextInt(70)];
			// mostly zeros, so the eight-byte skipping is exercised, with values of any sign
			for (int k = rnd.nextInt(3); k > 0; k--)
				p[rnd.nextInt(p.length)] = (byte) (1 + rnd.nextInt(255));
			final int from = rnd.nextInt(p.length + 1), end = from + rnd.nextInt(p.length - from + 1);
			int first = end, last = from - 1;
			for (int x = from; x < end; x++)
				if (p[x] != 0) {
					if (first == end) first = x;
					last = x;
				}
			assertEquals(first, Runs.firstSet(p, from, end), "trial " + trial);
			assertEquals(last, Runs.lastSet(p, from, end), "trial " + trial);
		}
	}

	@Test
	void runsBelowAThresholdAreTheRunsOfTheThresholdedMask() {
		final java.util.Random rnd = new java.util.Random(3);
		for (int trial = 0; trial < 50; trial++) {
			final int nx = 1 + rnd.nextInt(40), ny = 1 + rnd.nextInt(9), nz = 1 + rnd.nextInt(4), t = rnd.nextInt(200) - 100;
			final short[][] hu = new short[nz][nx * ny];
			final byte[][] mask = new byte[nz][nx * ny];
			for (int z = 0; z < nz; z++)
				for (int i = 0; i < nx * ny; i++) {
					// long stretches of either side, and values right at the threshold
					hu[z][i] = (short) (rnd.nextInt(4) == 0 ? t : i > 0 && rnd.nextInt(3) > 0 ? hu[z][i - 1] : rnd.nextInt(400) - 200);
					mask[z][i] = (byte) (hu[z][i] <= t ? 1 : 0);
				}
			final Runs a = Runs.atOrBelow(hu, nx, ny, t), b = Runs.of(mask, nx, ny);
			org.junit.jupiter.api.Assertions.assertArrayEquals(b.rowStart, a.rowStart, "trial " + trial);
			org.junit.jupiter.api.Assertions.assertArrayEquals(b.x0, a.x0, "trial " + trial);
			org.junit.jupiter.api.Assertions.assertArrayEquals(b.x1, a.x1, "trial " + trial);
		}
	}
}
