package org.lungprep.hu;

import java.util.OptionalInt;

import org.lungprep.core.Parallel;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;

import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Stored DICOM values to Hounsfield units, slice by slice: {@code HU = slope * stored + intercept} with each slice's own
 * RescaleSlope/RescaleIntercept, rounded to the nearest integer (fractional slopes) and clamped to the int16 range;
 * padding becomes air. The conversion happens in place on the slice arrays (the stored volume's image becomes the HU
 * image), so loading needs no second copy of the data.
 */
public final class HounsfieldConverter {

	/** The raw value GE scanners (and the tutorial's data) store outside the scan circle. */
	public static final int GE_PADDING = -2000;

	private HounsfieldConverter() { }

	/**
	 * @param stored stored values and rescale (its image is overwritten with HU)
	 * @param options padding handling
	 * @param progress progress and cancellation
	 * @return the HU volume (same image, geometry and info)
	 */
	public static Volume<ShortType> toHu(final StoredVolume stored, final HuOptions options, final ProgressListener progress) {
		final Volume<ShortType> v = stored.stored();
		final PlanarImg<ShortType, ShortArray> img = (PlanarImg<ShortType, ShortArray>) v.image();
		final int nz = v.size(2);
		final int[] padding = paddingRange(stored);
		Parallel.forEach(nz, z -> convert(img.getPlane(z).getCurrentStorageArray(), stored.unsigned(), stored.slope(z),
			stored.intercept(z), padding, options));
		progress.progress("hounsfield units", 1);
		return v;
	}

	/**
	 * @param options padding handling
	 * @return the per-slice conversion, for readers that convert each slice as they decode it
	 */
	public static StoredVolume.SliceConverter sliceConverter(final HuOptions options) {
		return new StoredVolume.SliceConverter() {
			@Override
			public void convert(final short[] px, final boolean unsigned, final double slope, final double intercept, final int[] padding) {
				HounsfieldConverter.convert(px, unsigned, slope, intercept, padding, options);
			}

			@Override
			public void convertStored(final short[] px, final int bitsStored, final boolean unsigned, final double slope, final double intercept,
				final int[] padding)
			{
				if (!convertUnsignedBits(px, bitsStored, unsigned, slope, intercept, padding, options))
					StoredVolume.SliceConverter.super.convertStored(px, bitsStored, unsigned, slope, intercept, padding);
			}
		};
	}

	/**
	 * The most common CT encoding in one pass: unsigned values of fewer than 16 stored bits, slope 1, an integer
	 * intercept, no padding to handle (e.g. 12 bits with intercept -1024): the stored bits kept and the intercept
	 * added, with no clamping where the result cannot leave the int16 range.
	 *
	 * @return false, having done nothing, for any other encoding
	 */
	static boolean convertUnsignedBits(final short[] px, final int bits, final boolean unsigned, final double slope, final double intercept,
		final int[] padding, final HuOptions options)
	{
		if (!unsigned || bits >= 16 || !integral(slope, intercept) || padding != null && !options.tutorialPadding()) return false;
		final int mask = (1 << bits) - 1, icpt = (int) intercept;
		if (icpt >= Short.MIN_VALUE && mask + icpt <= Short.MAX_VALUE) {
			for (int i = 0; i < px.length; i++)
				px[i] = (short) ((px[i] & mask) + icpt);
		}
		else {
			for (int i = 0; i < px.length; i++)
				px[i] = clamp((px[i] & mask) + icpt);
		}
		return true;
	}

	/** @return {lo, hi} of the padding range in stored units, or null when the series declares no padding */
	static int[] paddingRange(final StoredVolume s) {
		final OptionalInt pv = s.paddingValue();
		if (pv.isEmpty()) return null;
		final int a = pv.getAsInt();
		final int b = s.paddingRangeLimit().isPresent() ? s.paddingRangeLimit().getAsInt() : a;
		return new int[] { Math.min(a, b), Math.max(a, b) };
	}

	/** Converts one slice in place. */
	static void convert(final short[] px, final boolean unsigned, final double slope, final double intercept, final int[] padding,
		final HuOptions options)
	{
		final short air = options.paddingHu();
		final boolean tutorial = options.tutorialPadding();
		final boolean integral = integral(slope, intercept);
		final int icpt = (int) intercept;
		if (integral && (padding == null || tutorial)) {
			// The common case (slope 1, integer intercept): tight loops the JIT can vectorize.
			if (unsigned) {
				for (int i = 0; i < px.length; i++)
					px[i] = clamp((px[i] & 0xFFFF) + icpt);
			}
			else {
				final int padTo = tutorial ? clamp(icpt) : air;
				for (int i = 0; i < px.length; i++) {
					final int v = px[i];
					px[i] = v == GE_PADDING ? (short) padTo : clamp(v + icpt);
				}
			}
			return;
		}
		final int lo = padding == null || tutorial ? Integer.MAX_VALUE : padding[0];
		final int hi = padding == null || tutorial ? Integer.MIN_VALUE : padding[1];
		for (int i = 0; i < px.length; i++) {
			int v = unsigned ? px[i] & 0xFFFF : px[i];
			if (v == GE_PADDING && !unsigned) {
				if (!tutorial) {
					px[i] = air;
					continue;
				}
				v = 0;
			}
			else if (v >= lo && v <= hi) {
				px[i] = air;
				continue;
			}
			final long hu = integral ? (long) v + icpt : Math.round(slope * v + intercept);
			px[i] = (short) (hu < Short.MIN_VALUE ? Short.MIN_VALUE : hu > Short.MAX_VALUE ? Short.MAX_VALUE : hu);
		}
	}

	/** @return whether the rescale is slope 1 with a whole intercept small enough for int arithmetic */
	private static boolean integral(final double slope, final double intercept) {
		return slope == 1 && intercept == Math.rint(intercept) && Math.abs(intercept) <= 65536;
	}

	private static short clamp(final int v) {
		return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
	}
}
