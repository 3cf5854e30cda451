package org.lungprep.io.metaimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * MetaImage: the TransformMatrix convention (group i = direction of axis i, as ITK's MetaImageIO reads it), every
 * layout written and read back (.mhd + .raw, .mhd + .zraw, .mha), and headers as other tools write them.
 */
class MetaImageIOTest {

	@TempDir
	Path tmp;

	private static double value(final Volume<?> v, final int x, final int y, final int z) {
		return ((RealType<?>) v.image().randomAccess().setPositionAndGet(x, y, z)).getRealDouble();
	}

	private Path text(final String name, final String... lines) throws IOException {
		final Path p = tmp.resolve(name);
		Files.write(p, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
		return p;
	}

	private Path raw(final String name, final ByteOrder order, final int... shorts) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(shorts.length * 2).order(order);
		for (final int s : shorts)
			b.putShort((short) s);
		final Path p = tmp.resolve(name);
		Files.write(p, b.array());
		return p;
	}

	/**
	 * ITK's MetaImageIO::ReadImageInformation: directionAxis[jj] = TransformMatrix[ii * 3 + jj]; SetDirection(ii, ...):
	 * the first three numbers are the direction of the x axis.
	 */
	@Test
	void transformMatrixGroupsAreAxes() throws IOException {
		raw("perm.raw", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6, 7, 8);
		final Path mhd = text("perm.mhd", "ObjectType = Image", "NDims = 3", "TransformMatrix = 0 1 0 -1 0 0 0 0 1", "Offset = 10 20 30",
			"ElementSpacing = 2 3 4", "DimSize = 2 2 2", "ElementType = MET_SHORT", "ElementDataFile = perm.raw");
		final Geometry g = MetaImageIO.read(mhd).geometry();
		assertArrayEquals(new double[] { 0, 1, 0 }, g.axis(0), 0);
		assertArrayEquals(new double[] { -1, 0, 0 }, g.axis(1), 0);
		// index (1, 1, 1): origin + 2 * (0, 1, 0) + 3 * (-1, 0, 0) + 4 * (0, 0, 1)
		assertArrayEquals(new double[] { 7, 22, 34 }, g.toPhysical(new double[] { 1, 1, 1 }), 1e-12);
	}

	@Test
	void everyLayoutRoundTrips() throws IOException {
		final double[] rot = org.lungprep.io.TestGeometries.rotation();
		final Geometry geo = new Geometry(new double[] { 0.703125, 0.703125, 1.25 }, new double[] { -180.5, -175.25, -312.75 }, rot);
		final PlanarImg<ShortType, ?> s = Planar.shorts(9, 7, 5);
		final Random r = new Random(3);
		for (final ShortType t : s)
			t.set((short) (r.nextInt(5000) - 2048));
		final PlanarImg<UnsignedByteType, ?> u = Planar.unsignedBytes(9, 7, 5);
		for (final UnsignedByteType t : u)
			t.set(r.nextInt(3));
		final PlanarImg<FloatType, ?> f = Planar.floats(9, 7, 5);
		for (final FloatType t : f)
			t.set((float) r.nextGaussian());
		for (final PlanarImg<?, ?> img : new PlanarImg<?, ?>[] { s, u, f })
			for (final String name : new String[] { "a.mhd", "b.mhd", "c.mha", "d.mha" }) {
				final boolean compress = name.startsWith("b") || name.startsWith("d");
				@SuppressWarnings({ "unchecked", "rawtypes" })
				final Volume<?> v = new Volume(img, geo, VolumeInfo.EMPTY);
				final Path p = tmp.resolve(img.firstElement().getClass().getSimpleName() + name);
				MetaImageIO.write(v, p, compress);
				final Volume<?> back = MetaImageIO.read(p);
				assertEquals(img.firstElement().getClass(), back.image().getType().getClass(), p.toString());
				assertArrayEquals(geo.spacing(), back.geometry().spacing(), 0, "spacing written with full precision");
				assertArrayEquals(geo.origin(), back.geometry().origin(), 0);
				assertArrayEquals(geo.direction(), back.geometry().direction(), 1e-15);
				for (int z = 0; z < 5; z++)
					for (int y = 0; y < 7; y++)
						for (int x = 0; x < 9; x++)
							assertEquals(value(v, x, y, z), value(back, x, y, z), 0, p + " at " + x + "," + y + "," + z);
				final String header = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
				assertTrue(header.contains("CompressedData = " + (compress ? "True" : "False")), header);
				assertTrue(header.contains(name.endsWith(".mha") ? "ElementDataFile = LOCAL" : compress ? ".zraw" : ".raw"), header);
			}
		try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
			assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left behind");
		}
	}

	@Test
	void anatomicalOrientationLetters() {
		assertEquals("RAI", MetaImageIO.orientation(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }), "ITK's name for the LPS identity");
		assertEquals("RAS", MetaImageIO.orientation(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, -1 }));
		assertEquals("LPI", MetaImageIO.orientation(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }), "a RAS-aligned image");
		assertEquals("AIR", MetaImageIO.orientation(new double[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 }), "axes along y, z, x");
	}

	@Test
	void headersOtherToolsWrite() throws IOException {
		// big-endian unsigned shorts (CT values 0..4095) with a 6-byte header in the data file, Position and ElementSize
		final ByteBuffer b = ByteBuffer.allocate(6 + 16).order(ByteOrder.BIG_ENDIAN);
		b.put(new byte[] { 'J', 'U', 'N', 'K', '!', '!' });
		for (int i = 0; i < 8; i++)
			b.putShort((short) (i * 500));
		Files.write(tmp.resolve("be.raw"), b.array());
		final Volume<?> be = MetaImageIO.read(text("be.mhd", "NDims = 3", "DimSize = 2 2 2", "ElementSize = 0.5 0.5 1.5", "Position = 1 2 3",
			"ElementType = MET_USHORT", "ElementByteOrderMSB = True", "HeaderSize = 6", "ElementDataFile = be.raw"));
		assertEquals(ShortType.class, be.image().getType().getClass(), "uint16 CT values fit int16");
		assertEquals(3500, value(be, 1, 1, 1));
		assertArrayEquals(new double[] { 0.5, 0.5, 1.5 }, be.geometry().spacing(), 0);
		assertArrayEquals(new double[] { 1, 2, 3 }, be.geometry().origin(), 0);
		// HeaderSize = -1: the data are the last bytes of the file
		final Volume<?> end = MetaImageIO.read(text("end.mhd", "NDims = 3", "DimSize = 2 2 2", "ElementType = MET_USHORT", "ElementByteOrderMSB = True",
			"HeaderSize = -1", "ElementDataFile = be.raw"));
		assertEquals(3500, value(end, 1, 1, 1));
		// doubles become float32; Windows line ends; Origin and Rotation as synonyms
		final ByteBuffer d = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < 8; i++)
			d.putDouble(i * 0.5 - 1);
		Files.write(tmp.resolve("d.raw"), d.array());
		final Path crlf = tmp.resolve("d.mhd");
		Files.write(crlf, "NDims = 3\r\nDimSize = 2 2 2\r\nOrigin = -1 -2 -3\r\nRotation = 1 0 0 0 -1 0 0 0 1\r\nElementType = MET_DOUBLE\r\nElementDataFile = d.raw\r\n"
			.getBytes(StandardCharsets.US_ASCII));
		final Volume<?> dv = MetaImageIO.read(crlf);
		assertEquals(FloatType.class, dv.image().getType().getClass());
		assertEquals(2.5, value(dv, 1, 1, 1));
		assertArrayEquals(new double[] { -1, -2, -3 }, dv.geometry().origin(), 0);
		assertArrayEquals(new double[] { 0, -1, 0 }, dv.geometry().axis(1), 0);
	}

	@Test
	void badHeadersAreClearErrors() throws IOException {
		raw("eight.raw", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6, 7, 8);
		final String[][] cases = {
			{ "TransformMatrix = 1 0 0 1 0 0 0 0 1", "parallel" },
			{ "TransformMatrix = 0 0 0 0 1 0 0 0 1", "no direction" },
			{ "ElementSpacing = 1 0 1", "positive" },
			{ "ElementSpacing = 1 NaN 1", "not finite" },
			{ "Offset = 1 2", "3 numbers" },
			{ "ElementNumberOfChannels = 3", "channel" },
			{ "HeaderSize = 100", "needs" },
		};
		int k = 0;
		for (final String[] c : cases) {
			final String name = "bad" + k++ + ".mhd";
			final Path p = text(name, "NDims = 3", "DimSize = 2 2 2", c[0], "ElementType = MET_SHORT", "ElementDataFile = eight.raw");
			final VolumeIOException e = assertThrows(VolumeIOException.class, () -> MetaImageIO.read(p), c[0]);
			assertTrue(e.getMessage().contains(name) && e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
		}
		final Path list = text("list.mhd", "NDims = 3", "DimSize = 2 2 2", "ElementType = MET_SHORT", "ElementDataFile = LIST");
		assertTrue(assertThrows(VolumeIOException.class, () -> MetaImageIO.read(list)).getMessage().contains("one file per slice"));
		final Path corrupt = text("z.mhd", "NDims = 3", "DimSize = 2 2 2", "ElementType = MET_SHORT", "CompressedData = True", "ElementDataFile = eight.raw");
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> MetaImageIO.read(corrupt));
		assertTrue(e.getMessage().contains("z.mhd") && e.getMessage().contains("corrupt compressed data"), e.getMessage());
	}
}
