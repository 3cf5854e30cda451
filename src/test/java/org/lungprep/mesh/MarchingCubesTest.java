package org.lungprep.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

class MarchingCubesTest {

	private static final ProgressListener NONE = ProgressListener.NONE;

	@Test
	void sphereIsClosedGenusZeroWithAnalyticAreaAndVolume() {
		final double r = 20;
		final Geometry g = Geometry.of(0.5, 0.5, 0.5);
		final Volume<FloatType> v = Phantoms.sample(96, 96, 96, g, Phantoms.ball(new double[] { 24, 24, 24 }, r));
		final TriangleMesh m = MarchingCubes.extract(v, 0, 1, NONE);
		final TriangleMesh.EdgeCounts ec = m.edgeCounts();
		assertTrue(ec.closedAndOriented(), ec.toString());
		assertEquals(2, m.eulerCharacteristic());
		// analytic: area 4 pi r^2, volume 4/3 pi r^3
		assertEquals(1, m.area() / (4 * Math.PI * r * r), 0.01);
		assertEquals(1, m.signedVolume() / (4 / 3.0 * Math.PI * r * r * r), 0.01);
		assertTrue(m.signedVolume() > 0, "outward orientation");
		// the unindexed corners repeat the indexed vertices
		final float[] corners = m.triangleCorners();
		assertEquals(9 * m.triangleCount(), corners.length);
		assertEquals(m.vertices()[3 * m.triangles()[5] + 2], corners[17], 0f);
	}

	@Test
	void torusIsClosedGenusOneWithAnalyticAreaAndVolume() {
		final double big = 18, small = 7;
		final Geometry g = Geometry.of(0.5, 0.5, 0.5);
		final Volume<FloatType> v = Phantoms.sample(112, 112, 40, g, Phantoms.torus(new double[] { 28, 28, 10 }, big, small));
		final TriangleMesh m = MarchingCubes.extract(v, 0, 1, NONE);
		final TriangleMesh.EdgeCounts ec = m.edgeCounts();
		assertTrue(ec.closedAndOriented(), ec.toString());
		assertEquals(0, m.eulerCharacteristic());
		// analytic: area 4 pi^2 R r, volume 2 pi^2 R r^2
		assertEquals(1, m.area() / (4 * Math.PI * Math.PI * big * small), 0.01);
		assertEquals(1, m.signedVolume() / (2 * Math.PI * Math.PI * big * small * small), 0.01);
	}

	/** Noise makes every case, ambiguous faces included; a zero border keeps all surfaces closed. */
	@Test
	void randomVolumesGiveClosedOrientedManifolds() {
		for (int seed = 0; seed < 6; seed++) {
			final Volume<FloatType> v = noise(seed, 23, 19, 29, 0.45);
			final TriangleMesh m = MarchingCubes.extract(v, 0.5, 1, NONE);
			final TriangleMesh.EdgeCounts ec = m.edgeCounts();
			assertTrue(m.triangleCount() > 1000, "seed " + seed + " made " + m);
			assertTrue(ec.closedAndOriented(), "seed " + seed + ": " + ec);
			assertEquals(0, m.eulerCharacteristic() % 2, "closed orientable surfaces have even Euler characteristic");
			assertTrue(m.signedVolume() > 0);
		}
	}

	@Test
	void identicalForAnyThreadCount() {
		final Volume<FloatType> v = noise(42, 40, 37, 61, 0.5);
		final TriangleMesh one = Parallelization.runSingleThreaded(() -> MarchingCubes.extract(v, 0.5, 1, NONE));
		final TriangleMesh three = Parallelization.runWithNumThreads(3, () -> MarchingCubes.extract(v, 0.5, 1, NONE));
		final TriangleMesh many = Parallelization.runWithNumThreads(8, () -> MarchingCubes.extract(v, 0.5, 1, NONE));
		assertTrue(one.triangleCount() > 10000);
		for (final TriangleMesh other : new TriangleMesh[] { three, many }) {
			assertArrayEquals(one.vertices(), other.vertices());
			assertArrayEquals(one.normals(), other.normals());
			assertArrayEquals(one.triangles(), other.triangles());
		}
	}

	@Test
	void anisotropicSpacingAndRotatedMirroredDirectionGiveMillimetres() {
		final double[] c = { -30, 12, 85 };
		final double r = 9;
		// a rotation about an oblique axis, and the same with z mirrored (det -1, as with reversed slice order)
		final double a = Math.toRadians(25), b = Math.toRadians(-40);
		final double[] rot = mul(new double[] { Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1 },
			new double[] { 1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b) });
		final double[] mirrored = mul(rot, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, -1 });
		for (final double[] dir : new double[][] { rot, mirrored }) {
			final double[] spacing = { 0.45, 0.6, 0.8 };
			final int nx = 60, ny = 50, nz = 40;
			// put the volume's centre at c
			final Geometry g0 = new Geometry(spacing, new double[3], dir);
			final double[] mid = g0.toPhysical(new double[] { (nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0 });
			final Geometry g = g0.withOrigin(new double[] { c[0] - mid[0], c[1] - mid[1], c[2] - mid[2] });
			final Volume<FloatType> v = Phantoms.sample(nx, ny, nz, g, Phantoms.ball(c, r));
			final TriangleMesh m = MarchingCubes.extract(v, 0, 1, NONE);
			assertTrue(m.edgeCounts().closedAndOriented());
			final float[] p = m.vertices(), n = m.normals();
			for (int i = 0; i < p.length; i += 3) {
				final double dx = p[i] - c[0], dy = p[i + 1] - c[1], dz = p[i + 2] - c[2];
				final double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
				// linear interpolation of a distance field along a grid edge: within a few hundredths of a mm
				assertEquals(r, d, 0.05, "vertex " + i / 3);
				// normals point radially outwards
				assertTrue((n[i] * dx + n[i + 1] * dy + n[i + 2] * dz) / d > 0.99, "normal " + i / 3);
			}
			assertTrue(m.signedVolume() > 0, "outward winding with det(direction) = " + (dir == rot ? "+1" : "-1"));
			assertEquals(1, m.signedVolume() / (4 / 3.0 * Math.PI * r * r * r), 0.02);
		}
	}

	@Test
	void pixelTypesAndGenericImagesGiveTheSameMesh() {
		final Random rnd = new Random(7);
		final int nx = 17, ny = 15, nz = 13;
		final PlanarImg<ShortType, ?> s = Planar.shorts(nx, ny, nz);
		final PlanarImg<UnsignedByteType, ?> u = Planar.unsignedBytes(nx, ny, nz);
		final PlanarImg<FloatType, ?> f = Planar.floats(nx, ny, nz);
		final net.imglib2.img.Img<DoubleType> d = ArrayImgs.doubles(nx, ny, nz);
		final net.imglib2.Cursor<ShortType> cs = s.cursor();
		final net.imglib2.Cursor<UnsignedByteType> cu = u.cursor();
		final net.imglib2.Cursor<FloatType> cf = f.cursor();
		final net.imglib2.Cursor<DoubleType> cd = d.cursor();
		while (cs.hasNext()) {
			final int val = rnd.nextInt(200);
			cs.next().set((short) val);
			cu.next().set(val);
			cf.next().set(val);
			cd.next().set(val);
		}
		final Geometry g = Geometry.of(0.7, 0.8, 1.5);
		final TriangleMesh ref = MarchingCubes.extract(new Volume<>(f, g, VolumeInfo.EMPTY), 99.5, 1, NONE);
		for (final TriangleMesh m : new TriangleMesh[] { MarchingCubes.extract(new Volume<>(s, g, VolumeInfo.EMPTY), 99.5, 1, NONE),
			MarchingCubes.extract(new Volume<>(u, g, VolumeInfo.EMPTY), 99.5, 1, NONE), MarchingCubes.extract(new Volume<>(d, g, VolumeInfo.EMPTY), 99.5, 1, NONE) })
		{
			assertArrayEquals(ref.triangles(), m.triangles());
			assertArrayEquals(ref.vertices(), m.vertices(), 1e-4f);
		}
		// an integer threshold on integer data: equal values count as outside for every type
		final TriangleMesh refInt = MarchingCubes.extract(new Volume<>(f, g, VolumeInfo.EMPTY), 100, 1, NONE);
		assertArrayEquals(refInt.triangles(), MarchingCubes.extract(new Volume<>(s, g, VolumeInfo.EMPTY), 100, 1, NONE).triangles());
		assertArrayEquals(refInt.triangles(), MarchingCubes.extract(new Volume<>(u, g, VolumeInfo.EMPTY), 100, 1, NONE).triangles());
	}

	@Test
	void stepCoarsensButStaysClosed() {
		final double r = 20;
		final Volume<FloatType> v = Phantoms.sample(96, 96, 96, Geometry.of(0.5, 0.5, 0.5), Phantoms.ball(new double[] { 24, 24, 24 }, r));
		final TriangleMesh fine = MarchingCubes.extract(v, 0, 1, NONE);
		final TriangleMesh coarse = MarchingCubes.extract(v, 0, 3, NONE);
		assertTrue(coarse.edgeCounts().closedAndOriented());
		assertEquals(2, coarse.eulerCharacteristic());
		assertTrue(coarse.triangleCount() * 6 < fine.triangleCount(), coarse + " vs " + fine);
		assertEquals(1, coarse.signedVolume() / (4 / 3.0 * Math.PI * r * r * r), 0.03);
	}

	@Test
	void emptyAndFlatVolumesAndBadInput() {
		final Volume<FloatType> flat = new Volume<>(Planar.floats(8, 8, 8), Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
		assertTrue(MarchingCubes.extract(flat, 0.5, 1, NONE).isEmpty());
		assertTrue(MarchingCubes.extract(new Volume<>(Planar.floats(8, 8, 1), Geometry.of(1, 1, 1), VolumeInfo.EMPTY), 0.5, 1, NONE).isEmpty());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MarchingCubes.extract(flat, 0.5, 0, NONE));
		assertTrue(e.getMessage().contains("0"));
		assertThrows(IllegalArgumentException.class, () -> MarchingCubes.extract(flat, Double.NaN, 1, NONE));
	}

	@Test
	void nanVoxelsCountAsOutsideAndGiveFiniteVertices() {
		final Volume<FloatType> v = noise(3, 12, 12, 12, 1);
		final Random r = new Random(5);
		for (final FloatType t : Views.iterable(v.image()))
			if (r.nextInt(10) == 0) t.set(Float.NaN);
		final TriangleMesh m = MarchingCubes.extract(v, 0.5, 1, NONE);
		assertTrue(m.triangleCount() > 100);
		assertTrue(m.edgeCounts().closedAndOriented());
		for (final float f : m.vertices()) assertTrue(Float.isFinite(f));
		for (final float f : m.normals()) assertTrue(Float.isFinite(f));
	}

	@Test
	void cancellationStopsTheExtraction() {
		final Volume<FloatType> v = noise(1, 20, 20, 40, 0.5);
		final ProgressListener cancelled = new ProgressListener() {
			@Override
			public void progress(final String stage, final double fraction) { }

			@Override
			public boolean isCancelled() { return true; }
		};
		assertThrows(org.lungprep.core.CancelledException.class, () -> MarchingCubes.extract(v, 0.5, 1, cancelled));
	}

	/** Uniform noise in [0,1) with a one-voxel zero border, so every surface closes inside the volume. */
	static Volume<FloatType> noise(final long seed, final int nx, final int ny, final int nz, final double spacing) {
		final PlanarImg<FloatType, ?> img = Planar.floats(nx, ny, nz);
		final Random r = new Random(seed);
		for (int z = 1; z < nz - 1; z++) {
			final float[] p = Planar.plane(img, z);
			for (int y = 1; y < ny - 1; y++)
				for (int x = 1; x < nx - 1; x++) p[y * nx + x] = r.nextFloat();
		}
		return new Volume<>(img, Geometry.of(spacing, spacing * 1.1, spacing * 1.7), VolumeInfo.ofSource("noise " + seed));
	}

	private static double[] mul(final double[] a, final double[] b) {
		final double[] c = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
		return c;
	}
}
