package org.lungprep.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as text, exactly as {@code String.format(Locale.ROOT, "%.nf")} and {@code "%.ng"} write them, without
 * {@link java.util.Formatter}: its first use in a JVM sets up the locale data, about 12 ms that a one-shot command line
 * run otherwise spends before it starts reading the scan and again before it prints its summary. Like the formatter,
 * these round half up the shortest decimal that reads back as the double ({@link Double#toString}).
 */
public final class Decimals {

	private Decimals() { }

	/** @return v with the given number of decimals, as {@code "%.<decimals>f"} writes it */
	public static String fixed(final double v, final int decimals) {
		if (decimals < 0) throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
		if (!Double.isFinite(v)) return Double.toString(v);
		return signed(v, BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
	}

	/**
	 * @return v with the given number of significant digits, as {@code "%.<precision>g"} writes it: plain decimals
	 *         when the rounded magnitude is at least 1e-4 and below 10^precision, else d.ddde+xx
	 */
	public static String general(final double v, final int precision) {
		if (precision < 1) throw new IllegalArgumentException("precision must be >= 1, got " + precision);
		if (!Double.isFinite(v)) return Double.toString(v);
		if (v == 0) return signed(v, BigDecimal.ZERO.setScale(precision - 1).toPlainString());
		final BigDecimal rounded = BigDecimal.valueOf(v).round(new MathContext(precision, RoundingMode.HALF_UP));
		// the decimal exponent of the rounded value's first digit
		final int exponent = rounded.precision() - rounded.scale() - 1;
		final BigDecimal magnitude = rounded.abs();
		if (magnitude.compareTo(BigDecimal.valueOf(1, 4)) >= 0 && magnitude.compareTo(BigDecimal.ONE.scaleByPowerOfTen(precision)) < 0)
			return signed(v, rounded.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_UP).toPlainString());
		final String mantissa = rounded.scaleByPowerOfTen(-exponent).setScale(precision - 1, RoundingMode.HALF_UP).toPlainString();
		final int e = Math.abs(exponent);
		return signed(v, mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e);
	}

	/** The formatter keeps the sign of negative numbers that round to zero, and of -0.0. */
	private static String signed(final double v, final String text) {
		return (Double.doubleToRawLongBits(v) < 0 && text.charAt(0) != '-') ? "-" + text : text;
	}
}
