package org.lungprep.core;

import java.util.Arrays;
import java.util.OptionalInt;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * The hand-off between a reader of stored pixel values (DICOM) and the Hounsfield conversion: the raw stored values of
 * every slice plus what is needed to rescale them, slice by slice.
 * <p>
 * The image holds the 16 stored bits of each pixel (after BitsStored masking and sign extension done by the reader).
 * When {@link #unsigned()} is true the bits are to be read as {@code v & 0xFFFF}; otherwise as a signed short.
 * Rescale is per slice (z), because DICOM allows each slice its own RescaleSlope and RescaleIntercept.
 * Padding values are stored-value units (DICOM PixelPaddingValue and PixelPaddingRangeLimit).
 */
public final class StoredVolume {

	/**
	 * Converts the stored values of one slice in place (e.g. to Hounsfield units), given that slice's rescale. Readers
	 * can apply it to each slice right after decoding it, while it is still in the CPU cache, instead of in a second
	 * pass over the whole volume.
	 */
	@FunctionalInterface
	public interface SliceConverter {
		/**
		 * @param px the slice's stored values, converted in place
		 * @param unsigned whether the stored bits are unsigned
		 * @param slope RescaleSlope of the slice
		 * @param intercept RescaleIntercept of the slice
		 * @param paddingRange {lo, hi} padding values in stored units, or null
		 */
		void convert(short[] px, boolean unsigned, double slope, double intercept, int[] paddingRange);

		/**
		 * As {@link #convert}, for raw values of which only the low {@code bitsStored} bits are the pixel (the bits above
		 * may hold overlays): keeps those bits ({@link StoredVolume#keepStoredBits}), then converts. Readers call this
		 * one, so that a converter can do both in one pass over the slice; this default does one after the other.
		 *
		 * @param bitsStored BitsStored (16 or more: all bits are the pixel)
		 */
		default void convertStored(final short[] px, final int bitsStored, final boolean unsigned, final double slope, final double intercept,
			final int[] paddingRange)
		{
			keepStoredBits(px, bitsStored, unsigned);
			convert(px, unsigned, slope, intercept, paddingRange);
		}
	}

	/**
	 * Keeps the low {@code bits} bits of each value, sign-extended for signed data (the bits above may hold overlays);
	 * nothing for 16 bits or more.
	 */
	public static void keepStoredBits(final short[] px, final int bits, final boolean unsigned) {
		if (bits >= 16) return;
		if (!unsigned) {
			final int shift = 32 - bits;
			for (int i = 0; i < px.length; i++)
				px[i] = (short) ((px[i] << shift) >> shift);
		}
		else {
			final int mask = (1 << bits) - 1;
			for (int i = 0; i < px.length; i++)
				px[i] = (short) (px[i] & mask);
		}
	}

	private final Volume<ShortType> stored;
	private final boolean unsigned;
	private final double[] slopes;
	private final double[] intercepts;
	private final OptionalInt paddingValue;
	private final OptionalInt paddingRangeLimit;

	/**
	 * @param stored stored values in (x, y, z) with the geometry and info of the series
	 * @param unsigned whether the stored 16 bits are unsigned (PixelRepresentation 0)
	 * @param slopes RescaleSlope per slice, length = number of slices
	 * @param intercepts RescaleIntercept per slice, length = number of slices
	 * @param paddingValue PixelPaddingValue in stored units, if present
	 * @param paddingRangeLimit PixelPaddingRangeLimit in stored units, if present
	 */
	public StoredVolume(final Volume<ShortType> stored, final boolean unsigned, final double[] slopes, final double[] intercepts,
		final OptionalInt paddingValue, final OptionalInt paddingRangeLimit)
	{
		final int nz = stored.size(2);
		if (slopes.length != nz || intercepts.length != nz) throw new IllegalArgumentException(
			"need one slope and intercept per slice (" + nz + "), got " + slopes.length + " and " + intercepts.length);
		for (int z = 0; z < nz; z++)
			if (!Double.isFinite(slopes[z]) || slopes[z] == 0 || !Double.isFinite(intercepts[z])) throw new IllegalArgumentException(
				"invalid rescale at slice " + z + ": slope " + slopes[z] + ", intercept " + intercepts[z]);
		this.stored = stored;
		this.unsigned = unsigned;
		this.slopes = slopes.clone();
		this.intercepts = intercepts.clone();
		this.paddingValue = paddingValue;
		this.paddingRangeLimit = paddingRangeLimit;
	}

	/** @return stored values with geometry and info */
	public Volume<ShortType> stored() { return stored; }

	/** @return whether the stored bits are unsigned */
	public boolean unsigned() { return unsigned; }

	/** @return RescaleSlope of slice z */
	public double slope(final int z) { return slopes[z]; }

	/** @return RescaleIntercept of slice z */
	public double intercept(final int z) { return intercepts[z]; }

	/** @return PixelPaddingValue in stored units, if the series declares one */
	public OptionalInt paddingValue() { return paddingValue; }

	/** @return PixelPaddingRangeLimit in stored units, if the series declares one */
	public OptionalInt paddingRangeLimit() { return paddingRangeLimit; }

	/** @return whether every slice has slope 1 */
	public boolean unitSlopes() { return Arrays.stream(slopes).allMatch(s -> s == 1.0); }

	@Override
	public String toString() {
		return "StoredVolume[" + stored + (unsigned ? ", unsigned" : ", signed") + ", padding " + paddingValue + "]";
	}
}
