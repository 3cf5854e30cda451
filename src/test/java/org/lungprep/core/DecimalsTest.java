package org.lungprep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Decimals against String.format itself. */
class DecimalsTest {

	private static final double[] SPECIAL = { 0, -0.0, 0.05, 0.15, 0.25, 2.675, -2.675, 1.005, 0.5, 1.5, 2.5, -0.5, -0.04, -0.05, 9.9999995,
		99999.95, 999999.5, 9999995, 1e-4, 9.99995e-5, 0.000099999, 1e-5, 123456789, 1e21, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
		0.564453125, 3.0, 1.0, 0.703125, -138.0, 4725.1, 4724.55, 1e100, 1.2345e-100, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };

	@Test
	void fixedWritesWhatFormatWrites() {
		assertSameAsFormat('f', 0, 4, Decimals::fixed, 3);
	}

	@Test
	void generalWritesWhatFormatWrites() {
		assertSameAsFormat('g', 1, 8, Decimals::general, 4);
	}

	/** For each number of digits in [from, to]: the special values and 20 000 random ones, as %.<digits><conversion> writes them. */
	private static void assertSameAsFormat(final char conversion, final int from, final int to, final java.util.function.BiFunction<Double, Integer, String> ours,
		final long seed)
	{
		final Random rnd = new Random(seed);
		for (int digits = from; digits <= to; digits++) {
			final String format = "%." + digits + conversion;
			for (int k = -SPECIAL.length; k < 20000; k++) {
				final double v = k < 0 ? SPECIAL[k + SPECIAL.length] : value(rnd);
				assertEquals(String.format(Locale.ROOT, format, v), ours.apply(v, digits), v + " as " + format);
			}
		}
	}

	/** Mixed magnitudes, and short decimals that sit on a rounding tie. */
	private static double value(final Random rnd) {
		switch (rnd.nextInt(3)) {
		case 0:
			return (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 12);
		case 1:
			return (rnd.nextInt(2000001) - 1000000) / Math.pow(10, rnd.nextInt(7));
		default:
			return (rnd.nextBoolean() ? 1 : -1) * (rnd.nextInt(100000) + 0.5) / Math.pow(10, rnd.nextInt(6));
		}
	}
}
