package org.lungprep.resample;

/**
 * The tutorial's shape rule: {@code new_shape = round(shape * (spacing / target))} with numpy's rounding (half to
 * even), at least 1; the spacing the result really has is {@code spacing * shape / new_shape}.
 * <p>
 * The tutorial holds the input spacing in a {@code float32} array ({@code np.array(..., dtype=np.float32)}) and only
 * then divides by the (float64) target, so the product is computed from the float32-rounded spacing. That decides the
 * ties: 125 slices of 0.7 mm to 1 mm is 87.5 in exact arithmetic, but 87.4999985 from float32(0.7), so the tutorial
 * makes 87 slices where a float64 rule would round the tie to 88. {@link #newSize} reproduces the float32 step.
 */
public final class ResampleRule {

	private ResampleRule() { }

	/**
	 * @param n samples along the axis
	 * @param spacing their spacing (mm)
	 * @param target the wanted spacing (mm)
	 * @return the new number of samples, as the tutorial computes it (see the class comment)
	 */
	public static long newSize(final long n, final double spacing, final double target) {
		if (n < 1) throw new IllegalArgumentException("axis size must be >= 1, got " + n);
		if (!(spacing > 0) || !(target > 0) || Double.isInfinite(spacing) || Double.isInfinite(target))
			throw new IllegalArgumentException("spacings must be > 0, got " + spacing + " and target " + target);
		// same operations as numpy: spacing rounded to float32, resize_factor = spacing / new_spacing in float64,
		// then shape * resize_factor and np.round (half to even, which Math.rint is)
		final double real = n * ((double) (float) spacing / target);
		return Math.max(1, (long) Math.rint(real));
	}

	/** @return the spacing the resampled axis really has: {@code spacing * n / newSize} */
	public static double newSpacing(final long n, final double spacing, final long newSize) {
		return spacing / (newSize / (double) n);
	}
}
