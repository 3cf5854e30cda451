package org.lungprep.cli;

import org.lungprep.core.Decimals;

/** Formatting shared by the commands. */
final class Texts {

	private Texts() { }

	/** @return "(a, b, c)" for long[] or double[] triples (callers pass z, y, x order) */
	static String zyx(final Object o) {
		if (o instanceof long[]) {
			final long[] v = (long[]) o;
			return "(" + v[0] + ", " + v[1] + ", " + v[2] + ")";
		}
		if (o instanceof double[]) {
			final double[] v = (double[]) o;
			return "(" + Decimals.general(v[0], 6) + ", " + Decimals.general(v[1], 6) + ", " + Decimals.general(v[2], 6) + ")";
		}
		return String.valueOf(o);
	}

	/** @return the comma-separated numbers of an option value, with a message naming the option when one is not a number */
	static double[] doubles(final String text, final String option) {
		final String[] parts = text.split(",");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(option + ": '" + parts[i].trim() + "' is not a number");
			}
			if (!Double.isFinite(out[i])) throw new IllegalArgumentException(option + ": '" + parts[i].trim() + "' is not a finite number");
		}
		return out;
	}
}
