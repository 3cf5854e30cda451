package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lungprep.core.ByteScan;

/** The row scans against plain scans; runs below a threshold; the erosion on runs against the voxel erosion. */
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
			assertEquals(first, ByteScan.firstSet(p, from, end), "trial " + trial);
			assertEquals(last, ByteScan.lastSet(p, from, end), "trial " + trial);
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

	@Test
	void erosionOnRunsIsTheVoxelErosion() {
		final java.util.Random rnd = new java.util.Random(8);
		for (int trial = 0; trial < 60; trial++) {
			final int nx = 1 + rnd.nextInt(30), ny = 1 + rnd.nextInt(12), nz = 1 + rnd.nextInt(5);
			final double density = 0.3 + 0.7 * rnd.nextDouble();
			final byte[][] m = new byte[nz][nx * ny];
			for (int z = 0; z < nz; z++)
				for (int i = 0; i < nx * ny; i++)
					m[z][i] = (byte) (rnd.nextDouble() < density ? 1 + rnd.nextInt(3) : 0);
			// the definition voxel by voxel: itself and its six neighbours set; beyond the first and last plane counts
			// as set, beyond the rows' and columns' ends as not set
			final byte[][] e = new byte[nz][nx * ny];
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++) {
						final int i = y * nx + x;
						final boolean stays = m[z][i] != 0 && x > 0 && x < nx - 1 && y > 0 && y < ny - 1 && m[z][i - 1] != 0 && m[z][i + 1] != 0 && m[z][i - nx] != 0
							&& m[z][i + nx] != 0 && (z == 0 || m[z - 1][i] != 0) && (z == nz - 1 || m[z + 1][i] != 0);
						e[z][i] = (byte) (stays ? 1 : 0);
					}
			Runs r = Runs.of(m, nx, ny).erode6(), expected = Runs.of(e, nx, ny);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.rowStart, r.rowStart, "trial " + trial);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.x0, r.x0, "trial " + trial);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.x1, r.x1, "trial " + trial);
			// twice: the erosion of an erosion
			final byte[][] e2 = new byte[nz][nx * ny];
			for (int z = 0; z < nz; z++)
				for (int y = 1; y < ny - 1; y++)
					for (int x = 1; x < nx - 1; x++) {
						final int i = y * nx + x;
						e2[z][i] = (byte) (e[z][i] != 0 && e[z][i - 1] != 0 && e[z][i + 1] != 0 && e[z][i - nx] != 0 && e[z][i + nx] != 0 && (z == 0 || e[z - 1][i] != 0)
							&& (z == nz - 1 || e[z + 1][i] != 0) ? 1 : 0);
					}
			r = r.erode6();
			expected = Runs.of(e2, nx, ny);
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.x0, r.x0, "trial " + trial + " twice");
			org.junit.jupiter.api.Assertions.assertArrayEquals(expected.rowStart, r.rowStart, "trial " + trial + " twice");
		}
	}
}
