package org.lungprep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding the next set (non-zero) or clear (zero) byte of a mask plane, eight bytes at a time through long words while
 * they hold none: masks are mostly long stretches of one value, so runs are found at a fraction of a byte loop's cost.
 */
public final class ByteScan {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
	private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

	private ByteScan() { }

	/** @return the first index in [from, end) holding a non-zero byte, or end */
	public static int firstSet(final byte[] p, int from, final int end) {
		while (from + 8 <= end && (long) LONGS.get(p, from) == 0)
			from += 8;
		while (from < end && p[from] == 0)
			from++;
		return from;
	}

	/** @return the first index in [from, end) holding a zero byte, or end */
	public static int firstClear(final byte[] p, int from, final int end) {
		// a word without a zero byte is all set
		while (from + 8 <= end) {
			final long v = (long) LONGS.get(p, from);
			if (((v - ONES) & ~v & HIGHS) != 0) break;
			from += 8;
		}
		while (from < end && p[from] != 0)
			from++;
		return from;
	}

	/**
	 * @param p bytes, at least from + 8 long
	 * @param from the first of eight bytes
	 * @param value the byte looked for
	 * @return whether any of p[from] .. p[from + 7] equals value, in one long word
	 */
	public static boolean anyOf8(final byte[] p, final int from, final byte value) {
		final long v = (long) LONGS.get(p, from) ^ (ONES * (value & 0xff));
		// a zero byte of v is a byte equal to value
		return ((v - ONES) & ~v & HIGHS) != 0;
	}

	/** dst[i] = 1 where src[i] is non-zero, else 0, for i in [0, n): eight bytes at a time (each byte's bits ORed into its lowest). */
	public static void ones(final byte[] src, final byte[] dst, final int n) {
		int i = 0;
		for (; i + 8 <= n; i += 8) {
			long v = (long) LONGS.get(src, i);
			v |= v >>> 4;
			v |= v >>> 2;
			v |= v >>> 1;
			LONGS.set(dst, i, v & ONES);
		}
		for (; i < n; i++)
			dst[i] = (byte) (src[i] != 0 ? 1 : 0);
	}

	/** @return the last index in [from, end) holding a non-zero byte, or from - 1 */
	public static int lastSet(final byte[] p, final int from, final int end) {
		int x = end - 1;
		while (x >= from && p[x] == 0)
			x--;
		return x;
	}
}
