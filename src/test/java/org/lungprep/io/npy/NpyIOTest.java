package org.lungprep.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

class NpyIOTest {

	@TempDir
	Path tmp;

	@Test
	void headerIsNumpyFormatWithZyxShape() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(5, 4, 3);
		final Path f = tmp.resolve("a.npy");
		NpyIO.write(new Volume<>(img, Geometry.of(1, 1, 1), VolumeInfo.EMPTY), f);
		final byte[] b = Files.readAllBytes(f);
		final int headerLength = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
		assertEquals(0, (10 + headerLength) % 64, "header padded to 64 bytes as numpy does");
		final String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
		assertTrue(header.startsWith("{'descr': '<i2', 'fortran_order': False, 'shape': (3, 4, 5), }"), header);
		assertEquals(10 + headerLength + 5 * 4 * 3 * 2, b.length);
	}

	@Test
	void valuesRoundTripInCOrder() throws IOException {
		final PlanarImg<FloatType, ?> img = Planar.floats(3, 2, 2);
		int i = 0;
		for (final FloatType t : img)
			t.set(i++ * 0.5f - 1);
		final Path f = tmp.resolve("f.npy");
		NpyIO.write(img, f);
		// C order of (z, y, x) is x fastest: the same order as the planar image's iteration
		final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		data.position(data.capacity() - 12 * 4);
		for (int k = 0; k < 12; k++)
			assertEquals(k * 0.5f - 1, data.getFloat(), 0f);
		final Volume<?> back = NpyIO.read(f);
		assertArrayEquals(new long[] { 2, 2, 3 }, back.shapeZyx());
		assertArrayEquals((float[]) Planar.plane(img, 1), (float[]) Planar.plane(Planar.asFloats(back.image()), 1), 0f);
	}

	@Test
	void badFilesAreClearErrors() throws IOException {
		final Path f = tmp.resolve("bad.npy");
		Files.write(f, "not numpy".getBytes(StandardCharsets.US_ASCII));
		assertTrue(assertThrows(VolumeIOException.class, () -> NpyIO.read(f)).getMessage().contains("bad.npy"));
		final PlanarImg<ShortType, ?> img = Planar.shorts(8, 8, 8);
		final Path t = tmp.resolve("trunc.npy");
		NpyIO.write(img, t);
		final byte[] all = Files.readAllBytes(t);
		Files.write(t, Arrays.copyOf(all, all.length - 10));
		assertTrue(assertThrows(VolumeIOException.class, () -> NpyIO.read(t)).getMessage().contains("truncated"));
	}

	private static Path resource(final String name) {
		try {
			return Path.of(NpyIOTest.class.getResource(name).toURI());
		}
		catch (final java.net.URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** value at (x, y, z) of the arrays in make_numpy_files.py: a[z, y, x] = z * 20 + y * 5 + x */
	private static int index(final int x, final int y, final int z) {
		return z * 20 + y * 5 + x;
	}

	private static double valueAt(final Volume<?> v, final int x, final int y, final int z) {
		return ((net.imglib2.type.numeric.RealType<?>) v.image().randomAccess().setPositionAndGet(x, y, z)).getRealDouble();
	}

	/** Files numpy itself saved (src/test/resources/org/lungprep/io/npy/make_numpy_files.py) read as numpy's a[z, y, x]. */
	@Test
	void readsWhatNumpyWrites() throws IOException {
		final String[] names = { "i2.npy", "i2_v2.npy", "u1.npy", "b1.npy", "f4.npy", "u2.npy", "u2_big.npy", "f8.npy" };
		final Class<?>[] types = { ShortType.class, ShortType.class, UnsignedByteType.class, UnsignedByteType.class, FloatType.class, ShortType.class,
			FloatType.class, FloatType.class };
		final java.util.function.IntToDoubleFunction[] expected = { i -> i * 37 - 1024, i -> i * 37 - 1024, i -> i * 4, i -> i % 3 == 0 ? 1 : 0,
			i -> i * 0.25 - 3, i -> i * 50, i -> i * 1000 + 5000, i -> i * 0.125 - 1 };
		for (int k = 0; k < names.length; k++) {
			final Volume<?> v = NpyIO.read(resource(names[k]));
			assertArrayEquals(new long[] { 5, 4, 3 }, v.dimensions(), names[k] + ": numpy shape (3, 4, 5) is x 5, y 4, z 3");
			assertEquals(types[k], v.image().getType().getClass(), names[k]);
			for (int z = 0; z < 3; z++)
				for (int y = 0; y < 4; y++)
					for (int x = 0; x < 5; x++)
						assertEquals(expected[k].applyAsDouble(index(x, y, z)), valueAt(v, x, y, z), 0, names[k] + " at x,y,z " + x + "," + y + "," + z);
		}
	}

	@Test
	void refusesWhatItCannotRepresent() {
		final String[][] cases = { { "i2_big_endian.npy", "big-endian" }, { "i2_fortran.npy", "Fortran" }, { "i2_2d.npy", "3-D" }, { "i8.npy", "<i8" } };
		for (final String[] c : cases) {
			final VolumeIOException e = assertThrows(VolumeIOException.class, () -> NpyIO.read(resource(c[0])), c[0]);
			assertTrue(e.getMessage().contains(c[0]) && e.getMessage().contains(c[1]), e.getMessage());
		}
	}

	/** Our data bytes equal numpy's for the same array: C order with x fastest, little endian. */
	@Test
	void writesTheBytesNumpyWrites() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(5, 4, 3);
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 5; x++)
					img.randomAccess().setPositionAndGet(x, y, z).set((short) (index(x, y, z) * 37 - 1024));
		final Path ours = tmp.resolve("ours.npy");
		NpyIO.write(img, ours);
		final byte[] a = Files.readAllBytes(ours), b = Files.readAllBytes(resource("i2.npy"));
		assertArrayEquals(Arrays.copyOfRange(b, b.length - 120, b.length), Arrays.copyOfRange(a, a.length - 120, a.length));
		assertEquals(a.length - 120, 10 + (ByteBuffer.wrap(a, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff), "data follow the header directly");
	}

	/** A lazy view (not planar, not zero-min) is written slice by slice with the same result as its copy. */
	@Test
	void writesViewsSliceBySlice() throws IOException {
		final PlanarImg<FloatType, ?> big = Planar.floats(9, 8, 7);
		final java.util.Random r = new java.util.Random(5);
		for (final FloatType t : big)
			t.set(r.nextFloat());
		final net.imglib2.RandomAccessibleInterval<FloatType> view = net.imglib2.view.Views.interval(big, new long[] { 2, 1, 3 }, new long[] { 6, 5, 5 });
		final Path p = tmp.resolve("view.npy");
		NpyIO.write(view, p);
		final Volume<?> back = NpyIO.read(p);
		assertArrayEquals(new long[] { 5, 5, 3 }, back.dimensions());
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 5; x++)
					assertEquals(big.randomAccess().setPositionAndGet(x + 2, y + 1, z + 3).get(), valueAt(back, x, y, z), 0);
	}

	@Test
	void sliceWriterWritesTheSameFileInAnyOrder(@TempDir final Path dir) throws IOException {
		final int nx = 13, ny = 7, nz = 9;
		final PlanarImg<ShortType, ?> img = Planar.shorts(nx, ny, nz);
		final java.util.Random r = new java.util.Random(4);
		for (int z = 0; z < nz; z++) {
			final short[] p = Planar.plane(img, z);
			for (int i = 0; i < p.length; i++)
				p[i] = (short) (r.nextInt(65536) - 32768);
		}
		final Path whole = dir.resolve("whole.npy"), sliced = dir.resolve("sliced.npy");
		NpyIO.write(img, whole);
		final java.util.List<Integer> order = new java.util.ArrayList<>();
		for (int z = 0; z < nz; z++)
			order.add(z);
		java.util.Collections.shuffle(order, r);
		try (NpyIO.Int16SliceWriter w = new NpyIO.Int16SliceWriter(sliced, nx, ny, nz)) {
			// from two threads at once
			final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				final java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
				for (final int z : order)
					done.add(pool.submit(() -> {
						w.write(z, ((short[]) Planar.plane(img, z)).clone());
						return null;
					}));
				for (final java.util.concurrent.Future<?> f : done)
					f.get();
			}
			catch (final InterruptedException | java.util.concurrent.ExecutionException e) {
				throw new AssertionError(e);
			}
			finally {
				pool.shutdown();
			}
		}
		assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(sliced));
	}

	@Test
	void sliceWriterRefusesAMissingOrRepeatedSlice(@TempDir final Path dir) throws IOException {
		final Path f = dir.resolve("x.npy");
		final NpyIO.Int16SliceWriter w = new NpyIO.Int16SliceWriter(f, 4, 3, 2);
		w.write(1, new short[12]);
		assertThrows(IllegalStateException.class, () -> w.write(1, new short[12]));
		final IOException e = assertThrows(IOException.class, w::close);
		assertTrue(e.getMessage().contains("slice 0 of 2 was not written"), e.getMessage());
	}
}
