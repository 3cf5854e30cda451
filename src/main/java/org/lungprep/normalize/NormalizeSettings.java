package org.lungprep.normalize;

/**
 * Window, mean and masking of {@link Normalizer}. Immutable; {@link #DEFAULT} is the tutorial's.
 */
public final class NormalizeSettings {

	/** Window −1000..400 HU, zero-centred by 0.25, no masking: the tutorial's {@code zero_center(normalize(x))}. */
	public static final NormalizeSettings DEFAULT = new NormalizeSettings(-1000, 400, 0.25, Float.NaN);

	private final double min;
	private final double max;
	private final double mean;
	private final float outsideFill;

	/**
	 * @param min lower end of the HU window (maps to 0)
	 * @param max upper end of the HU window (maps to 1), &gt; min
	 * @param mean subtracted after scaling; 0 for no zero-centring
	 * @param outsideFill value for voxels outside the mask when a mask is given; NaN means "the value of
	 *        {@code min} after scaling and centring" (air)
	 */
	public NormalizeSettings(final double min, final double max, final double mean, final float outsideFill) {
		if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min))
			throw new IllegalArgumentException("clip window must be finite with min < max, got " + min + ".." + max);
		if (!Double.isFinite(mean)) throw new IllegalArgumentException("mean must be finite, got " + mean);
		this.min = min;
		this.max = max;
		this.mean = mean;
		this.outsideFill = outsideFill;
	}

	public double min() { return min; }
	public double max() { return max; }
	public double mean() { return mean; }

	/** @return the fill value for voxels outside a mask */
	public float outsideFill() { return Float.isNaN(outsideFill) ? (float) -mean : outsideFill; }

	/** @return same settings with another window */
	public NormalizeSettings withClip(final double newMin, final double newMax) { return new NormalizeSettings(newMin, newMax, mean, outsideFill); }

	/** @return same settings with another mean (0 = no zero-centring) */
	public NormalizeSettings withMean(final double newMean) { return new NormalizeSettings(min, max, newMean, outsideFill); }

	/** @return same settings with another fill value outside the mask */
	public NormalizeSettings withOutsideFill(final float fill) { return new NormalizeSettings(min, max, mean, fill); }

	/**
	 * The transform of one value, in float32 arithmetic like numpy on a float32 array:
	 * {@code clip((v − min) / (max − min), 0, 1) − mean}.
	 */
	public float apply(final double hu) {
		float v = ((float) hu - (float) min) / (float) (max - min);
		if (v > 1f) v = 1f;
		if (v < 0f) v = 0f;
		return v - (float) mean;
	}

	/** @return the scaled value before zero-centring, in [0, 1] */
	public float scale(final double hu) {
		return apply(hu) + (float) mean;
	}

	@Override
	public String toString() {
		return "clip " + min + ".." + max + " HU, mean " + mean;
	}
}
