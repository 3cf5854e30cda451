package org.lungprep.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

class NormalizerTest {

	private static Volume<ShortType> randomHu(final long seed, final int w, final int h, final int d) {
		final PlanarImg<ShortType, ?> img = Planar.shorts(w, h, d);
		final Random r = new Random(seed);
		for (final ShortType t : img) t.set((short) (r.nextInt(4096) - 2048));
		return new Volume<>(img, Geometry.of(0.7, 0.7, 2.5), VolumeInfo.ofSource("test"));
	}

	@Test
	void tutorialValuesAtTheWindowEdges() {
		final NormalizeSettings s = NormalizeSettings.DEFAULT;
		// (hu + 1000) / 1400 clipped to [0,1], minus 0.25 — the tutorial's normalize + zero_center
		assertEquals(-0.25f, s.apply(-1000), 0f);
		assertEquals(-0.25f, s.apply(-3024), 0f);
		assertEquals(0.75f, s.apply(400), 0f);
		assertEquals(0.75f, s.apply(3071), 0f);
		assertEquals(1000f / 1400f - 0.25f, s.apply(0), 1e-7f);
		assertEquals(0.5f, s.withMean(0).apply(-300), 1e-7f);
		assertEquals(0.5f, s.scale(-300), 1e-7f);
	}

	@Test
	void materializedEqualsLazyViewAndIsThreadIndependent() {
		final Volume<ShortType> hu = randomHu(1, 31, 17, 9);
		final NormalizeSettings s = NormalizeSettings.DEFAULT.withClip(-1200, 600).withMean(0.3);
		final Volume<FloatType> multi = Parallelization.runWithNumThreads(2, () -> Normalizer.normalize(hu, s, ProgressListener.NONE));
		final Volume<FloatType> single = Parallelization.runSingleThreaded(() -> Normalizer.normalize(hu, s, ProgressListener.NONE));
		final RandomAccessibleInterval<FloatType> lazy = Normalizer.view(hu.image(), s);
		final float[] a = values(multi.image()), b = values(single.image()), c = values(lazy);
		assertArrayEquals(a, b, 0f);
		assertArrayEquals(a, c, 0f);
		// and the values are the formula's, voxel by voxel
		final Cursor<ShortType> in = Views.flatIterable(hu.image()).cursor();
		int i = 0;
		while (in.hasNext()) assertEquals(s.apply(in.next().get()), a[i++], 0f);
		assertEquals(hu.geometry(), multi.geometry());
	}

	@Test
	void nonShortInputUsesTheSamePath() {
		final Volume<ShortType> hu = randomHu(2, 8, 8, 3);
		final Volume<FloatType> asFloat = hu.withImage(Planar.asFloats(hu.image()));
		assertArrayEquals(values(Normalizer.normalize(hu, NormalizeSettings.DEFAULT, ProgressListener.NONE).image()),
			values(Normalizer.normalize(asFloat, NormalizeSettings.DEFAULT, ProgressListener.NONE).image()), 0f);
	}

	@Test
	void maskSetsOutsideToFill() {
		final Volume<ShortType> hu = randomHu(3, 10, 10, 4);
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(10, 10, 4);
		final Cursor<UnsignedByteType> mc = Views.flatIterable(m).cursor();
		int k = 0;
		while (mc.hasNext()) mc.next().set(k++ % 3 == 0 ? 1 : 0);
		final Volume<UnsignedByteType> mask = hu.withImage(m);
		final NormalizeSettings s = NormalizeSettings.DEFAULT;
		final float[] plain = values(Normalizer.normalize(hu, s, ProgressListener.NONE).image());
		final float[] masked = values(Normalizer.normalize(hu, mask, s, ProgressListener.NONE).image());
		final float[] filled = values(Normalizer.normalize(hu, mask, s.withOutsideFill(-7f), ProgressListener.NONE).image());
		for (int i = 0; i < plain.length; i++) {
			if (i % 3 == 0) assertEquals(plain[i], masked[i], 0f);
			else {
				assertEquals(-0.25f, masked[i], 0f, "default fill is air after centring");
				assertEquals(-7f, filled[i], 0f);
			}
		}
		final Volume<UnsignedByteType> wrong = new Volume<>(Planar.unsignedBytes(10, 10, 3), hu.geometry(), hu.info());
		assertThrows(IllegalArgumentException.class, () -> Normalizer.normalize(hu, wrong, s, ProgressListener.NONE));
	}

	@Test
	void lazyVolumeStoresNothingAndGivesTheSameValuesBySliceAndByElement() throws java.io.IOException {
		final Volume<ShortType> hu = randomHu(6, 13, 11, 5);
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(13, 11, 5);
		int k = 0;
		for (final UnsignedByteType t : Views.flatIterable(m)) t.set(k++ % 4 == 0 ? 0 : 1);
		final NormalizeSettings s = NormalizeSettings.DEFAULT.withClip(-1100, 500).withMean(0.2);
		final Volume<FloatType> floatHu = hu.withImage(Planar.asFloats(hu.image()));
		for (final Volume<UnsignedByteType> mask : java.util.Arrays.asList(null, hu.withImage(m))) {
			final float[] stored = values(Normalizer.normalize(hu, mask, s, ProgressListener.NONE).image());
			final Volume<FloatType> lazy = Normalizer.lazy(hu, mask, s);
			assertEquals(true, lazy.image() instanceof org.lungprep.core.ComputedPlanes, "nothing materialized");
			assertEquals(hu.geometry(), lazy.geometry());
			// element-wise (the ImgLib2 view) and slice-wise (what writers read), for int16 and float input
			assertArrayEquals(stored, values(lazy.image()), 0f);
			assertArrayEquals(stored, slices((org.lungprep.core.ComputedPlanes<?>) lazy.image()), 0f);
			assertArrayEquals(stored, slices((org.lungprep.core.ComputedPlanes<?>) Normalizer.lazy(floatHu, mask, s).image()), 0f);
			double sum = 0;
			for (final float f : stored) sum += f;
			assertEquals(sum, Planar.sum(lazy.image()), 1e-9);
			// a writer streams it: the .npy is byte for byte the stored volume's
			final java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lazy");
			try {
				org.lungprep.io.npy.NpyIO.write(lazy, dir.resolve("a.npy"));
				org.lungprep.io.npy.NpyIO.write(Normalizer.normalize(hu, mask, s, ProgressListener.NONE), dir.resolve("b.npy"));
				assertArrayEquals(java.nio.file.Files.readAllBytes(dir.resolve("b.npy")), java.nio.file.Files.readAllBytes(dir.resolve("a.npy")));
			}
			finally {
				for (final String f : new String[] { "a.npy", "b.npy" }) java.nio.file.Files.deleteIfExists(dir.resolve(f));
				java.nio.file.Files.delete(dir);
			}
		}
		final Volume<UnsignedByteType> wrong = new Volume<>(Planar.unsignedBytes(13, 11, 4), hu.geometry(), hu.info());
		assertThrows(IllegalArgumentException.class, () -> Normalizer.lazy(hu, wrong, s));
	}

	private static float[] slices(final org.lungprep.core.ComputedPlanes<?> p) {
		final int n = (int) (p.dimension(0) * p.dimension(1)), nz = (int) p.dimension(2);
		final float[] all = new float[n * nz], plane = new float[n];
		for (int z = 0; z < nz; z++) {
			p.slice(z, plane);
			System.arraycopy(plane, 0, all, z * n, n);
		}
		assertThrows(IndexOutOfBoundsException.class, () -> p.slice(nz, plane));
		return all;
	}

	@Test
	void badWindowIsRejectedWithTheValues() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NormalizeSettings.DEFAULT.withClip(400, -1000));
		assertEquals(true, e.getMessage().contains("400"));
	}

	@Test
	void cohortMeanIsVoxelWeighted() {
		final Volume<ShortType> a = randomHu(4, 20, 20, 5), b = randomHu(5, 10, 10, 3);
		final CohortMean ma = CohortMean.of(a.image(), NormalizeSettings.DEFAULT);
		final CohortMean mb = CohortMean.of(b.image(), NormalizeSettings.DEFAULT);
		double direct = 0;
		long n = 0;
		for (final Volume<ShortType> v : java.util.List.of(a, b))
			for (final ShortType t : Views.flatIterable(v.image())) {
				direct += NormalizeSettings.DEFAULT.scale(t.get());
				n++;
			}
		final CohortMean all = CohortMean.empty().plus(ma).plus(mb);
		assertEquals(2, all.volumes());
		assertEquals(n, all.voxels());
		assertEquals(direct / n, all.mean(), 1e-9);
		assertEquals(true, Double.isNaN(CohortMean.empty().mean()));
	}

	private static float[] values(final RandomAccessibleInterval<FloatType> img) {
		long n = 1;
		for (int d = 0; d < 3; d++) n *= img.dimension(d);
		final float[] out = new float[(int) n];
		int i = 0;
		for (final FloatType t : Views.flatIterable(img)) out[i++] = t.get();
		return out;
	}
}
