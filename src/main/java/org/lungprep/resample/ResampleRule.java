package org.lungprep.resample;

/**
 * The tutorial's shape rule: {@code new_shape = round(shape * (spacing / target))} with numpy's rounding (half to
 * even), at least 1; the spacing the result really has is {@code spacing * shape / new_shape}.
 */
public final class ResampleRule {

	private ResampleRule() { }

	/**
	 * @param n samples along the axis
	 * @param spacing their spacing (mm)
	 * @param target the wanted spacing (mm)
	 * @return the new number of samples
	 */
	public static long newSize(final long n, final double spacing, final double target) {
		if (n < 1) throw new IllegalArgumentException("axis size must be >= 1, got " + n);
		if (!(spacing > 0) || !(target > 0) || Double.isInfinite(spacing) || Double.isInfinite(target))
			throw new IllegalArgumentException("spacings must be > 0, got " + spacing + " and target " + target);
		// same operation order as numpy: shape * resize_factor with resize_factor = spacing / new_spacing
		final double real = n * (spacing / target);
		return Math.max(1, (long) Math.rint(real));
	}

	/** @return the spacing the resampled axis really has: {@code spacing * n / newSize} */
	public static double newSpacing(final long n, final double spacing, final long newSize) {
		return spacing / (newSize / (double) n);
	}
}
