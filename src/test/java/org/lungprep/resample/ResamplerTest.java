package org.lungprep.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

class ResamplerTest {

	private static Volume<FloatType> floats(final int nx, final int ny, final int nz, final double[] spacing, final Fn f) {
		final PlanarImg<FloatType, ?> img = Planar.floats(nx, ny, nz);
		for (int z = 0; z < nz; z++) {
			final float[] p = Planar.plane(img, z);
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++)
					p[y * nx + x] = (float) f.at(x, y, z);
		}
		return new Volume<>(img, new Geometry(spacing, new double[] { 10, -20, 30 }, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }), VolumeInfo.EMPTY);
	}

	@FunctionalInterface
	interface Fn {
		double at(double x, double y, double z);
	}

	private static float value(final Volume<FloatType> v, final int x, final int y, final int z) {
		return ((float[]) Planar.plane(Planar.asFloats(v.image()), z))[y * v.size(0) + x];
	}

	@Test
	void shapeRuleIsTheTutorials() {
		assertEquals(297, ResampleRule.newSize(99, 3.0, 1));
		assertEquals(289, ResampleRule.newSize(512, 0.564453125, 1));
		// numpy rounds half to even: 2.5 -> 2, 3.5 -> 4
		assertEquals(2, ResampleRule.newSize(5, 0.5, 1));
		assertEquals(4, ResampleRule.newSize(7, 0.5, 1));
		assertEquals(1, ResampleRule.newSize(1, 0.1, 1), "never zero");
		// the tutorial's spacing is float32: np.round(np.array([125]) * (np.array([0.7], dtype=np.float32) / np.array([1.])))
		// is 87 (float32(0.7) * 125 = 87.4999985), and 17 for 25 slices, where float64 ties 87.5 / 17.5 would round to 88 / 18
		// (numpy 1.24.2, /usr/bin/python3, 2026-11-24)
		assertEquals(87, ResampleRule.newSize(125, 0.7, 1));
		assertEquals(17, ResampleRule.newSize(25, 0.7, 1));
		assertEquals(10, ResampleRule.newSize(15, 0.7, 1));
		assertEquals(188, ResampleRule.newSize(300, 0.625, 1), "exact float32 tie 187.5 rounds to even");
		assertEquals(102, ResampleRule.newSize(41, 2.5, 1), "exact float32 tie 102.5 rounds to even");
		assertEquals(44, ResampleRule.newSize(125, 0.7, 2));
		assertEquals(0.5 * 7 / 4, ResampleRule.newSpacing(7, 0.5, 4), 1e-15);
	}

	@Test
	void matchesScipyZoomOnAKnownLine() {
		// expected: scipy 1.10.1, ndimage.zoom(a, (1, 1, 13/8), order=1 or 3, mode='nearest') on a = [0,10,40,90,160,250,-30,7]
		final double[] line = { 0, 10, 40, 90, 160, 250, -30, 7 };
		final Volume<FloatType> v = floats(8, 1, 1, new double[] { 13, 1, 1 }, (x, y, z) -> line[(int) x]);
		final double[][] expected = {
			{ 0.0, 5.833333, 15.0, 32.5, 56.666667, 85.833333, 125.0, 167.5, 220.0, 180.0, 16.666667, -14.583333, 7.0 },
			{ 0.0, 4.010888, 13.270176, 29.862096, 56.412585, 86.293556, 112.439604, 172.684689, 257.54165, 194.841185, 6.868163, -47.249391, 7.0 } };
		int row = 0;
		for (final Interpolation in : new Interpolation[] { Interpolation.LINEAR, Interpolation.CUBIC }) {
			final Volume<FloatType> r = Resampler.resample(v, ResampleSettings.of(new double[] { 1, 1, 8 }).withGrid(Grid.SCIPY).withInterpolation(in),
				ProgressListener.NONE);
			assertEquals(13, r.size(0));
			for (int j = 0; j < 13; j++)
				assertEquals(expected[row][j], value(r, j, 0, 0), 1e-4, in + " sample " + j);
			row++;
		}
	}

	@Test
	void matchesScipyZoomIn3DOnBothGrids() {
		// expected: scipy 1.10.1 (/usr/bin/python3, 2026-11-24), a = (np.arange(24).reshape(2,3,4) ** 2 % 17 * 10 - 60).astype(float);
		// ndimage.zoom(a, (3/2, 2/3, 5/4), order=1|3, mode='nearest', grid_mode=False|True).ravel() (z, y, x order, output shape (3, 2, 5)).
		// grid_mode=False is our SCIPY grid; grid_mode=True samples (j + 0.5) n / m - 0.5, which is our PHYSICAL grid.
		final double[][] expected = {
			{ -60.000000, -52.500000, -35.000000, -7.500000, 30.000000, 70.000000, 70.000000, 80.000000, 57.500000, -40.000000, -20.000000, 13.750000,
				15.000000, 5.000000, 5.000000, 50.000000, 76.250000, 70.000000, 31.250000, -40.000000, 20.000000, 80.000000, 65.000000, 17.500000,
				-20.000000, 30.000000, 82.500000, 60.000000, 5.000000, -40.000000 },
			{ -60.000000, -53.769215, -39.019238, -6.562500, 30.000000, 70.000000, 64.674829, 93.062523, 63.903244, -40.000000, -20.000000, 17.236479,
				19.521643, 1.886700, 5.000000, 50.000000, 77.892394, 83.062523, 30.685679, -40.000000, 20.000000, 88.242173, 78.062523, 10.335900,
				-20.000000, 30.000000, 91.109959, 73.062523, -2.531886, -40.000000 },
			{ -20.000000, -28.750000, -28.750000, -4.000000, 45.000000, 77.500000, 63.500000, 57.500000, 38.000000, -7.500000, -8.750000, 7.000000,
				3.125000, -1.500000, 12.500000, 43.750000, 54.250000, 44.375000, 14.625000, -21.250000, 2.500000, 42.750000, 35.000000, 1.000000,
				-20.000000, 10.000000, 45.000000, 31.250000, -8.750000, -35.000000 },
			{ -24.956927, -38.336688, -50.568160, -8.641401, 59.750022, 92.685050, 68.608567, 68.985886, 47.090497, -10.614590, -13.156670, 6.834110,
				-1.275818, -6.728133, 17.275263, 46.124384, 58.020016, 51.966410, 13.097333, -24.553702, -1.356413, 52.004908, 48.016525, -4.814864,
				-25.199495, -0.436283, 47.431464, 34.946933, -20.895830, -38.492814 } };
		final Volume<FloatType> v = floats(4, 3, 2, new double[] { 1, 1, 1 }, (x, y, z) -> {
			final int i = (int) (z * 12 + y * 4 + x);
			return i * i % 17 * 10 - 60;
		});
		int row = 0;
		for (final Grid grid : new Grid[] { Grid.SCIPY, Grid.PHYSICAL })
			for (final Interpolation in : new Interpolation[] { Interpolation.LINEAR, Interpolation.CUBIC }) {
				// target spacing n / m per axis gives m samples; no anti-aliasing, which scipy does not have
				final ResampleSettings s = ResampleSettings.of(new double[] { 2 / 3.0, 3 / 2.0, 4 / 5.0 }).withGrid(grid).withInterpolation(in)
					.withAntiAlias(false);
				final Volume<FloatType> r = Resampler.resample(v, s, ProgressListener.NONE);
				assertArrayEquals(new long[] { 3, 2, 5 }, r.shapeZyx());
				int i = 0;
				for (int z = 0; z < 3; z++)
					for (int y = 0; y < 2; y++)
						for (int x = 0; x < 5; x++)
							assertEquals(expected[row][i++], value(r, x, y, z), 1e-4, grid + " " + in + " at (x,y,z) " + x + "," + y + "," + z);
				row++;
			}
	}

	@Test
	void cubicReproducesPolynomialsAndInterpolatesSamples() {
		// interior of a long axis, so the boundary does not matter: cubic B-spline interpolation is exact up to degree 3
		final Fn cubic = (x, y, z) -> 0.002 * Math.pow(x - 20, 3) - 0.05 * (x - 20) * (x - 20) + 0.7 * x - 3;
		final Volume<FloatType> v = floats(64, 2, 1, new double[] { 1, 1, 1 }, cubic);
		final Volume<FloatType> r = Resampler.resample(v, ResampleSettings.of(new double[] { 1, 1, 0.37 }).withInterpolation(Interpolation.CUBIC),
			ProgressListener.NONE);
		for (int j = 0; j < r.size(0); j++) {
			final double u = (j + 0.5) * 64 / r.size(0) - 0.5;
			if (u < 12 || u > 51) continue;
			assertEquals(cubic.at(u, 0, 0), value(r, j, 1, 0), 2e-3, "at input position " + u);
		}
		// sample positions that fall on input samples (scipy grid, 11 -> 21) return the samples
		final Random rnd = new Random(3);
		final double[] samples = new double[11];
		for (int i = 0; i < 11; i++)
			samples[i] = rnd.nextGaussian() * 100;
		final Volume<FloatType> s = floats(11, 1, 1, new double[] { 21, 1, 1 }, (x, y, z) -> samples[(int) x]);
		final Volume<FloatType> up = Resampler.resample(s, ResampleSettings.of(new double[] { 1, 1, 11 }).withGrid(Grid.SCIPY), ProgressListener.NONE);
		assertEquals(21, up.size(0));
		for (int i = 0; i < 11; i++)
			assertEquals(samples[i], value(up, 2 * i, 0, 0), 1e-3, "sample " + i);
		// linear reproduces linear functions everywhere
		final Fn lin = (x, y, z) -> 3 * x - 2 * y + 0.5 * z;
		final Volume<FloatType> l = floats(9, 7, 5, new double[] { 1, 1, 1 }, lin);
		final Volume<FloatType> lr = Resampler.resample(l, ResampleSettings.of(new double[] { 0.6, 0.45, 0.7 }).withInterpolation(Interpolation.LINEAR)
			.withGrid(Grid.SCIPY), ProgressListener.NONE);
		for (int z = 0; z < lr.size(2); z++)
			for (int y = 0; y < lr.size(1); y++)
				for (int x = 0; x < lr.size(0); x++) {
					final double ux = x * 8.0 / (lr.size(0) - 1), uy = y * 6.0 / (lr.size(1) - 1), uz = z * 4.0 / (lr.size(2) - 1);
					assertEquals(lin.at(ux, uy, uz), value(lr, x, y, z), 1e-3);
				}
	}

	@Test
	void gridsGiveTheDocumentedSpacingAndOrigin() {
		final Volume<FloatType> v = floats(10, 10, 10, new double[] { 0.5, 0.5, 3 }, (x, y, z) -> x);
		final ResampleSettings s = ResampleSettings.isotropic(1);
		final Volume<FloatType> phys = Resampler.resample(v, s, ProgressListener.NONE);
		assertArrayEquals(new long[] { 30, 5, 5 }, phys.shapeZyx());
		assertArrayEquals(new double[] { 1, 1, 1 }, phys.geometry().spacing(), 1e-12);
		// physical: first sample at input position (0.5 * n / m - 0.5): x: 0.5 voxel of 0.5 mm = +0.25 mm; z: -1/3 voxel of 3 mm = -1 mm
		assertArrayEquals(new double[] { 10.25, -19.75, 29 }, phys.geometry().origin(), 1e-9);
		// field of view kept: first edge = origin - spacing/2 in both
		assertEquals(10 - 0.25, phys.geometry().origin()[0] - 0.5, 1e-9);
		final Volume<FloatType> sci = Resampler.resample(v, s.withGrid(Grid.SCIPY), ProgressListener.NONE);
		assertArrayEquals(new double[] { 10, -20, 30 }, sci.geometry().origin(), 1e-12);
		assertArrayEquals(new double[] { 1, 1, 1 }, sci.geometry().spacing(), 1e-12);
	}

	@Test
	void int16RoundsAndClampsInsteadOfWrapping() {
		final PlanarImg<ShortType, ?> img = Planar.shorts(12, 1, 1);
		final short[] p = Planar.plane(img, 0);
		for (int i = 0; i < 12; i++)
			p[i] = (short) (i < 6 ? -32768 : 32767);
		final Volume<ShortType> v = new Volume<>(img, Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
		final Volume<ShortType> r = Resampler.resample(v, ResampleSettings.of(new double[] { 1, 1, 0.3 }), ProgressListener.NONE);
		final short[] o = Planar.plane(Planar.asShorts(r.image()), 0);
		int min = 0, max = 0;
		for (int j = 0; j < o.length; j++) {
			final double u = (j + 0.5) * 12 / o.length - 0.5;
			// a wrap would turn the overshoot at -32768 into large positive values (and at 32767 into negative ones)
			if (u < 4.5) assertTrue(o[j] < -30000, "below the step at input position " + u + ": " + o[j]);
			if (u > 6.5) assertTrue(o[j] > 30000, "above the step at input position " + u + ": " + o[j]);
			min = Math.min(min, o[j]);
			max = Math.max(max, o[j]);
		}
		assertEquals(-32768, min);
		assertEquals(32767, max);
	}

	@Test
	void masksStayMasksWhateverIsAsked() {
		final PlanarImg<UnsignedByteType, ?> img = Planar.unsignedBytes(16, 16, 8);
		final Random rnd = new Random(5);
		for (final UnsignedByteType t : img)
			t.set(rnd.nextInt(3));
		final Volume<UnsignedByteType> v = new Volume<>(img, Geometry.of(0.7, 0.7, 2), VolumeInfo.EMPTY);
		final Volume<UnsignedByteType> r = Resampler.resample(v, ResampleSettings.isotropic(1).withInterpolation(Interpolation.CUBIC), ProgressListener.NONE);
		for (final UnsignedByteType t : net.imglib2.view.Views.iterable(r.image()))
			assertTrue(t.get() <= 2, "labels only: " + t.get());
	}

	@Test
	void antiAliasingSuppressesAThinLinePattern() {
		// every other column bright: downsampling by 2.5 without smoothing aliases it into a coarse pattern
		final Volume<FloatType> v = floats(100, 4, 1, new double[] { 1, 1, 1 }, (x, y, z) -> ((int) x) % 2 == 0 ? 1000 : 0);
		final ResampleSettings s = ResampleSettings.of(new double[] { 1, 1, 2.5 }).withInterpolation(Interpolation.LINEAR);
		final double withAa = spread(Resampler.resample(v, s.withAntiAlias(true), ProgressListener.NONE));
		final double without = spread(Resampler.resample(v, s.withAntiAlias(false), ProgressListener.NONE));
		assertTrue(without > 300, "aliasing without the prefilter: " + without);
		assertTrue(withAa < 0.3 * without, "anti-aliased spread " + withAa + " vs " + without);
		assertTrue(s.antiAliasing(), "on by default with the physical grid");
		assertTrue(!s.withGrid(Grid.SCIPY).antiAliasing(), "off by default with the scipy grid (tutorial reproduction)");
	}

	private static double spread(final Volume<FloatType> v) {
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (int x = 2; x < v.size(0) - 2; x++) {
			min = Math.min(min, value(v, x, 1, 0));
			max = Math.max(max, value(v, x, 1, 0));
		}
		return max - min;
	}

	@Test
	void singleAndMultiThreadedAreIdentical() {
		final Random rnd = new Random(11);
		final Volume<FloatType> v = floats(37, 29, 23, new double[] { 0.8, 0.9, 2.2 }, (x, y, z) -> rnd.nextDouble() * 1000);
		for (final Interpolation in : Interpolation.values()) {
			final ResampleSettings s = ResampleSettings.isotropic(1).withInterpolation(in);
			final Object[] single = { null };
			Parallelization.runSingleThreaded(() -> single[0] = Resampler.resample(v, s, ProgressListener.NONE));
			final Object[] multi = { null };
			Parallelization.runWithNumThreads(4, () -> multi[0] = Resampler.resample(v, s, ProgressListener.NONE));
			@SuppressWarnings("unchecked")
			final Volume<FloatType> a = (Volume<FloatType>) single[0], b = (Volume<FloatType>) multi[0];
			for (int z = 0; z < a.size(2); z++)
				assertArrayEquals((float[]) Planar.plane(Planar.asFloats(a.image()), z), (float[]) Planar.plane(Planar.asFloats(b.image()), z), in + " z " + z);
		}
	}

	@Test
	void axisOrderOfThePassesDoesNotChangeValues() {
		// the same data with its axes permuted, resampled with the spacings permuted alike, must give the permuted
		// result exactly: every order of the x, y and z passes (x and y together plane by plane, before or after z)
		// computes the same per-line arithmetic
		final Random rnd = new Random(5);
		final int[] n = { 23, 19, 17 };
		final float[] data = new float[n[0] * n[1] * n[2]];
		for (int i = 0; i < data.length; i++) data[i] = (float) (rnd.nextDouble() * 2000 - 1000);
		// input spacing 1; targets: x shrinks most, then y, z grows: passes x, y (fused), z in the unpermuted case
		final double[] target = { 1.9, 1.3, 0.7 };
		final int[][] perms = { { 0, 1, 2 }, { 1, 0, 2 }, { 2, 1, 0 }, { 0, 2, 1 }, { 1, 2, 0 }, { 2, 0, 1 } };
		for (final Interpolation in : new Interpolation[] { Interpolation.LINEAR, Interpolation.CUBIC }) {
			float[] reference = null;
			int[] refShape = null;
			for (final int[] p : perms) {
				// axis a of the permuted volume is axis p[a] of the original
				final int[] pn = { n[p[0]], n[p[1]], n[p[2]] };
				final Volume<FloatType> v = floats(pn[0], pn[1], pn[2], new double[] { 1, 1, 1 }, (x, y, z) -> {
					final int[] q = new int[3];
					q[p[0]] = (int) x;
					q[p[1]] = (int) y;
					q[p[2]] = (int) z;
					return data[(q[2] * n[1] + q[1]) * n[0] + q[0]];
				});
				// settings take spacing in (z, y, x) order
				final ResampleSettings s = ResampleSettings.of(new double[] { target[p[2]], target[p[1]], target[p[0]] }).withInterpolation(in);
				final Volume<FloatType> r = Resampler.resample(v, s, ProgressListener.NONE);
				final int[] m = { r.size(0), r.size(1), r.size(2) };
				// back to the original axis order
				final int[] om = new int[3];
				for (int a = 0; a < 3; a++) om[p[a]] = m[a];
				final float[] back = new float[om[0] * om[1] * om[2]];
				for (int z = 0; z < m[2]; z++)
					for (int y = 0; y < m[1]; y++)
						for (int x = 0; x < m[0]; x++) {
							final int[] q = new int[3];
							q[p[0]] = x;
							q[p[1]] = y;
							q[p[2]] = z;
							back[(q[2] * om[1] + q[1]) * om[0] + q[0]] = value(r, x, y, z);
						}
				if (reference == null) {
					reference = back;
					refShape = om;
					assertArrayEquals(new int[] { 12, 15, 24 }, om, "shape (x, y, z)");
				}
				else {
					assertArrayEquals(refShape, om, in + " permutation " + java.util.Arrays.toString(p));
					assertArrayEquals(reference, back, in + " permutation " + java.util.Arrays.toString(p));
				}
			}
		}
	}
}
