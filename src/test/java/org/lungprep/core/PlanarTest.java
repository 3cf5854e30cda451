package org.lungprep.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/** Planar images allocated plane by plane on all threads behave as ImgLib2's own: zeroed, one array per plane, usable by views. */
class PlanarTest {

	@Test
	void largeImagesAreAllocatedPlaneByPlaneAndBehaveLikeSmallOnes() {
		// above and below the size from which planes are allocated in parallel, for each type
		check(Planar::shorts, new long[] { 400, 300, 20 }, 2);
		check(Planar::shorts, new long[] { 40, 30, 3 }, 2);
		check(Planar::unsignedBytes, new long[] { 700, 700, 10 }, 1);
		check(Planar::unsignedBytes, new long[] { 7, 5, 2 }, 1);
		check(Planar::floats, new long[] { 600, 500, 4 }, 4);
		check(Planar::floats, new long[] { 6, 5, 4 }, 4);
	}

	private static <T extends RealType<T> & NativeType<T>> void check(final Function<long[], PlanarImg<T, ?>> make, final long[] dims, final int bytes) {
		final PlanarImg<T, ?> img = make.apply(dims);
		assertArrayEquals(dims, img.dimensionsAsLongArray());
		final boolean large = dims[0] * dims[1] * dims[2] * bytes >= Planar.PARALLEL_BYTES;
		assertTrue(large == (dims[0] > 100), "test sizes on the intended sides of the threshold");
		assertEquals(dims[2], img.numSlices());
		Object previous = null;
		for (int z = 0; z < dims[2]; z++) {
			final Object plane = Planar.plane(img, z);
			assertNotSame(previous, plane);
			assertEquals(dims[0] * dims[1], java.lang.reflect.Array.getLength(plane));
			for (int i = 0; i < dims[0] * dims[1]; i++)
				assertEquals(0.0, ((Number) java.lang.reflect.Array.get(plane, i)).doubleValue(), "zeroed");
			previous = plane;
		}
		// a value written through ImgLib2's access is in the plane's array at x + y * nx
		final RandomAccess<T> ra = img.randomAccess();
		ra.setPosition(new long[] { dims[0] - 1, 2, dims[2] - 1 });
		ra.get().setReal(7);
		final Object last = Planar.plane(img, (int) dims[2] - 1);
		assertEquals(7.0, ((Number) java.lang.reflect.Array.get(last, (int) (2 * dims[0] + dims[0] - 1))).doubleValue());
	}
}
