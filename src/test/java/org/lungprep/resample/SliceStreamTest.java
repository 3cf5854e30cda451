package org.lungprep.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Parallel;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Slice-by-slice resampling gives exactly what resampling the whole volume gives, whatever order the slices come in
 * and from however many threads, for every arrangement of passes it takes (x and y together, x or y alone, with or
 * without z after them); arrangements with z first are refused.
 */
class SliceStreamTest {

	private static Volume<ShortType> volume(final int nx, final int ny, final int nz, final double[] spacing, final Random r) {
		final PlanarImg<ShortType, ?> img = Planar.shorts(nx, ny, nz);
		for (int z = 0; z < nz; z++) {
			final short[] p = Planar.plane(img, z);
			for (int i = 0; i < p.length; i++)
				p[i] = (short) (r.nextInt(3000) - 1024);
		}
		final Geometry g = new Geometry(spacing, new double[] { -120, 35, 400 }, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		return new Volume<>(img, g, VolumeInfo.EMPTY.withWarning("a warning passed on"));
	}

	@Test
	void sameAsTheWholeVolume() {
		final Random r = new Random(21);
		// spacings (x, y, z) against a 1 mm target: the passes each arrangement takes
		final double[][] spacings = {
			{ 0.6, 0.7, 2.5 }, // x, y fused, then z
			{ 0.7, 0.6, 2.5 }, // y first, then x, then z
			{ 0.6, 1.0, 2.5 }, // x alone, then z
			{ 1.0, 0.6, 2.5 }, // y alone, then z
			{ 0.6, 0.7, 1.0 }, // x and y, no z
			{ 1.2, 1.0, 1.0 } // x alone (upsampled)
		};
		for (final double[] sp : spacings)
			for (final Interpolation in : Interpolation.values())
				for (final Grid grid : Grid.values()) {
					final Volume<ShortType> v = volume(31, 27, 9, sp, r);
					final ResampleSettings s = ResampleSettings.isotropic(1).withInterpolation(in).withGrid(grid);
					final Volume<ShortType> whole = Resampler.resample(v, s, ProgressListener.NONE);
					final Resampler.SliceStream stream = Resampler.streaming(v.dimensions(), v.geometry(), s);
					assertNotNull(stream, java.util.Arrays.toString(sp));
					// slices shuffled, fed from the pool's threads, each from a copy that is overwritten afterwards
					final List<Integer> order = new ArrayList<>();
					for (int z = 0; z < v.size(2); z++)
						order.add(z);
					Collections.shuffle(order, r);
					final PlanarImg<ShortType, ?> in16 = Planar.asShorts(v.image());
					Parallel.forEach(order.size(), k -> {
						final int z = order.get(k);
						final short[] copy = ((short[]) Planar.plane(in16, z)).clone();
						stream.accept(z, copy);
						java.util.Arrays.fill(copy, (short) 12345);
					});
					final Volume<ShortType> streamed = stream.finish(v.info(), ProgressListener.NONE);
					final String what = in + " " + grid + " spacing " + java.util.Arrays.toString(sp);
					assertArrayEquals(whole.dimensions(), streamed.dimensions(), what);
					assertArrayEquals(whole.geometry().origin(), streamed.geometry().origin(), what);
					assertArrayEquals(whole.geometry().spacing(), streamed.geometry().spacing(), what);
					assertEquals(v.info().warnings(), streamed.info().warnings());
					for (int z = 0; z < whole.size(2); z++)
						assertArrayEquals((short[]) Planar.plane(Planar.asShorts(whole.image()), z), (short[]) Planar.plane(Planar.asShorts(streamed.image()), z),
							what + " z " + z);
				}
	}

	@Test
	void zFirstOrNothingInPlaneIsRefused() {
		final long[] dims = { 20, 20, 20 };
		// z shrinks most: its pass comes first
		assertNull(Resampler.streaming(dims, new Geometry(new double[] { 0.9, 0.9, 0.5 }, new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }),
			ResampleSettings.isotropic(1)));
		// only z changes
		assertNull(Resampler.streaming(dims, new Geometry(new double[] { 1, 1, 2.5 }, new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }),
			ResampleSettings.isotropic(1).withGrid(Grid.SCIPY)));
	}
}
