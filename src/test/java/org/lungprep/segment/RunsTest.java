package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The row scans used for bounding boxes: first and last non-zero byte of a range, against a plain scan. */
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
}
