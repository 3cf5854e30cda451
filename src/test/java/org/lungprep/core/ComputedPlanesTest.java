package org.lungprep.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

class ComputedPlanesTest {

	@Test
	void slicesGoIntoTheirOwnArrayTypeOnlyAndWithinTheVolume() {
		final PlanarImg<FloatType, ?> src = Planar.floats(4, 3, 2);
		int k = 0;
		for (final FloatType t : Views.flatIterable(src)) t.set(k++);
		final RandomAccessibleInterval<FloatType> doubled = Converters.convert((RandomAccessibleInterval<FloatType>) src, (a, b) -> b.set(2 * a.get()), new FloatType());
		final ComputedPlanes<FloatType> f = ComputedPlanes.floats(doubled, (z, out) -> {
			final float[] p = Planar.plane(src, z);
			for (int i = 0; i < p.length; i++) out[i] = 2 * p[i];
		});
		final float[] plane = new float[12];
		f.slice(1, plane);
		assertArrayEquals(new float[] { 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46 }, plane, 0f);
		assertThrows(IndexOutOfBoundsException.class, () -> f.slice(2, plane));
		assertThrows(IndexOutOfBoundsException.class, () -> f.slice(-1, plane));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.slice(0, new byte[12]));
		assertTrue(e.getMessage().contains("float[]"), e.getMessage());
		final RandomAccessibleInterval<UnsignedByteType> bytes = Converters.convert((RandomAccessibleInterval<FloatType>) src, (a, b) -> b.set((int) a.get() & 1),
			new UnsignedByteType());
		final ComputedPlanes<UnsignedByteType> u = ComputedPlanes.unsignedBytes(bytes, (z, out) -> { });
		assertThrows(IllegalArgumentException.class, () -> u.slice(0, new float[12]));
		// a view that does not start at 0 is refused
		assertThrows(IllegalArgumentException.class, () -> ComputedPlanes.floats(Views.translate(doubled, 1, 0, 0), (z, out) -> { }));
	}
}
