package org.lungprep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The word-at-a-time scans against plain byte loops, at every start and end of random masks of runs. */
class ByteScanTest {

	@Test
	void matchesByteLoops() {
		final Random r = new Random(13);
		for (int trial = 0; trial < 200; trial++) {
			final byte[] p = new byte[1 + r.nextInt(70)];
			// runs of set and clear bytes of random lengths, set bytes of any non-zero value (labels, 0x80 included)
			boolean set = r.nextBoolean();
			for (int i = 0; i < p.length;) {
				final int len = 1 + r.nextInt(trial % 2 == 0 ? 3 : 20);
				for (int k = 0; k < len && i < p.length; k++, i++)
					p[i] = set ? (byte) (1 + r.nextInt(255)) : 0;
				set = !set;
			}
			for (int from = 0; from <= p.length; from++)
				for (int end = from; end <= p.length; end++) {
					int s = from;
					while (s < end && p[s] == 0) s++;
					int c = from;
					while (c < end && p[c] != 0) c++;
					int l = end - 1;
					while (l >= from && p[l] == 0) l--;
					assertEquals(s, ByteScan.firstSet(p, from, end), "firstSet trial " + trial + " [" + from + "," + end + ")");
					assertEquals(c, ByteScan.firstClear(p, from, end), "firstClear trial " + trial + " [" + from + "," + end + ")");
					assertEquals(l, ByteScan.lastSet(p, from, end), "lastSet trial " + trial + " [" + from + "," + end + ")");
				}
		}
	}

	@Test
	void anyOf8MatchesAByteLoop() {
		final Random r = new Random(2);
		for (int trial = 0; trial < 2000; trial++) {
			final byte[] p = new byte[8 + r.nextInt(8)];
			for (int i = 0; i < p.length; i++)
				p[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(4));
			final int from = r.nextInt(p.length - 7);
			final byte value = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : r.nextInt(4));
			boolean any = false;
			for (int k = 0; k < 8; k++)
				any |= p[from + k] == value;
			assertEquals(any, ByteScan.anyOf8(p, from, value), "trial " + trial);
		}
	}

	@Test
	void onesMatchesAByteLoop() {
		final Random r = new Random(8);
		for (int trial = 0; trial < 500; trial++) {
			final int n = r.nextInt(70);
			// every byte value, and the labels 0, 1, 2 of a mask
			final byte[] src = new byte[n + r.nextInt(3)], dst = new byte[src.length];
			for (int i = 0; i < src.length; i++)
				src[i] = (byte) (r.nextBoolean() ? r.nextInt(256) : r.nextInt(3));
			java.util.Arrays.fill(dst, (byte) 7);
			ByteScan.ones(src, dst, n);
			for (int i = 0; i < src.length; i++)
				assertEquals(i < n ? (src[i] != 0 ? 1 : 0) : 7, dst[i], "trial " + trial + " byte " + i + " of " + n + " (" + src[i] + ")");
		}
	}
}
