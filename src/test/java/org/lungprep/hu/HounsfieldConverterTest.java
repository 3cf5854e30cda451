package org.lungprep.hu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

class HounsfieldConverterTest {

	private static short[] convert(final short[] stored, final boolean unsigned, final double slope, final double intercept, final Integer pad,
		final Integer limit, final HuOptions options)
	{
		final PlanarImg<ShortType, ShortArray> img = Planar.shorts(stored.length, 1, 1);
		System.arraycopy(stored, 0, (short[]) Planar.plane(img, 0), 0, stored.length);
		final StoredVolume sv = new StoredVolume(new Volume<>(img, Geometry.of(1, 1, 1), VolumeInfo.EMPTY), unsigned, new double[] { slope },
			new double[] { intercept }, pad == null ? OptionalInt.empty() : OptionalInt.of(pad), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
		final Volume<ShortType> hu = HounsfieldConverter.toHu(sv, options, ProgressListener.NONE);
		assertSame(img, hu.image(), "converted in place, no second copy");
		return Planar.plane(img, 0);
	}

	/**
	 * The slice converter's one-pass path (stored bits kept and rescaled together) against keeping the bits, then
	 * converting: every encoding, with overlay bits set above BitsStored.
	 */
	@Test
	void storedBitsAndRescaleInOnePassAsInTwo() {
		final java.util.Random r = new java.util.Random(3);
		int fused = 0;
		for (final HuOptions options : new HuOptions[] { HuOptions.DEFAULT, HuOptions.DEFAULT.withTutorialPadding(true) })
			for (final boolean unsigned : new boolean[] { true, false })
				for (final int bits : new int[] { 8, 10, 12, 15, 16 })
					for (final double[] rescale : new double[][] { { 1, -1024 }, { 1, 0 }, { 1, -32768 }, { 1, 32000 }, { 0.5, -1024.4 }, { 1, -1024.5 } })
						for (final int[] padding : new int[][] { null, { -2000, -2000 }, { 0, 5 } }) {
							final short[] raw = new short[500];
							for (int i = 0; i < raw.length; i++)
								raw[i] = (short) (i == 0 ? -2000 : i == 1 ? 0 : i == 2 ? -1 : r.nextInt(1 << 16));
							final short[] expected = raw.clone(), actual = raw.clone();
							StoredVolume.keepStoredBits(expected, bits, unsigned);
							HounsfieldConverter.convert(expected, unsigned, rescale[0], rescale[1], padding, options);
							if (HounsfieldConverter.convertUnsignedBits(raw.clone(), bits, unsigned, rescale[0], rescale[1], padding, options)) fused++;
							HounsfieldConverter.sliceConverter(options).convertStored(actual, bits, unsigned, rescale[0], rescale[1], padding);
							assertArrayEquals(expected, actual, (unsigned ? "unsigned " : "signed ") + bits + " bits, rescale " + rescale[0] + "/" + rescale[1]
								+ ", padding " + java.util.Arrays.toString(padding) + ", " + options);
						}
		org.junit.jupiter.api.Assertions.assertTrue(fused > 20, "the one-pass path ran in " + fused + " cases");
	}

	@Test
	void rescaleSignedAndUnsigned() {
		assertArrayEquals(new short[] { -1024, 0, 3071 }, convert(new short[] { 0, 1024, 4095 }, true, 1, -1024, null, null, HuOptions.DEFAULT));
		// unsigned 16-bit values above 32767 are read as unsigned, not negative
		assertArrayEquals(new short[] { 32767 }, convert(new short[] { (short) 40000 }, true, 1, 0, null, null, HuOptions.DEFAULT),
			"clamped to int16, not wrapped");
		assertArrayEquals(new short[] { -1000, 0, 1000 }, convert(new short[] { -1000, 0, 1000 }, false, 1, 0, null, null, HuOptions.DEFAULT));
	}

	@Test
	void fractionalSlopesRoundToNearest() {
		// 0.5 * 3 - 1024.4 = -1022.9 -> -1023 ; 0.5 * 5 - 1024.4 = -1021.9 -> -1022
		assertArrayEquals(new short[] { -1023, -1022 }, convert(new short[] { 3, 5 }, false, 0.5, -1024.4, null, null, HuOptions.DEFAULT));
	}

	@Test
	void clampInsteadOfWrapping() {
		assertArrayEquals(new short[] { 32767, -32768 }, convert(new short[] { 30000, -30000 }, false, 2, 0, null, null, HuOptions.DEFAULT));
	}

	@Test
	void paddingBecomesAirWhateverTheIntercept() {
		// GE style: raw -2000 outside the circle, intercept 0 (the tutorial would give 0 HU = water here)
		assertArrayEquals(new short[] { -1024, 40 }, convert(new short[] { -2000, 40 }, false, 1, 0, null, null, HuOptions.DEFAULT));
		// declared PixelPaddingValue with a range limit (stored units)
		assertArrayEquals(new short[] { -1024, -1024, -1024, -1023 },
			convert(new short[] { -32768, -32000, -31000, 1 }, false, 1, -1024, -32768, -31000, HuOptions.DEFAULT));
		// configurable air value
		assertArrayEquals(new short[] { -1000 }, convert(new short[] { -2000 }, false, 1, -1024, null, null, HuOptions.DEFAULT.withPaddingHu((short) -1000)));
	}

	@Test
	void tutorialPaddingRuleIsAvailable() {
		// the tutorial: raw -2000 -> raw 0 before rescaling: 0 HU with intercept 0, -1024 with intercept -1024
		final HuOptions tutorial = HuOptions.DEFAULT.withTutorialPadding(true);
		assertArrayEquals(new short[] { 0, 40 }, convert(new short[] { -2000, 40 }, false, 1, 0, null, null, tutorial));
		assertArrayEquals(new short[] { -1024 }, convert(new short[] { -2000 }, false, 1, -1024, null, null, tutorial));
	}
}
