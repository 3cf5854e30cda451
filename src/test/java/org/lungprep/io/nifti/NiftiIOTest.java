package org.lungprep.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * NIfTI-1: the qform alone reproduces the geometry the sform gives (right- and left-handed frames, so qfac is
 * exercised), the header fields the writer sets, and hand-written headers of the kinds other tools write (big endian,
 * metres, extensions, 4-D with one volume, sform and qform disagreeing, no orientation at all, dcm2niix-style
 * uint16 + intercept, scaling that overflows int16).
 */
class NiftiIOTest {

	@TempDir
	Path tmp;

	private static double[] rotation() {
		return org.lungprep.io.TestGeometries.rotation();
	}

	private static Volume<ShortType> volume(final double[] direction) {
		final PlanarImg<ShortType, ?> img = Planar.shorts(6, 5, 4);
		final Random r = new Random(11);
		for (final ShortType t : img)
			t.set((short) (r.nextInt(4000) - 1024));
		return new Volume<>(img, new Geometry(new double[] { 0.7, 0.9, 2.5 }, new double[] { -120.5, 33.25, -260 }, direction), VolumeInfo.EMPTY);
	}

	private static double value(final Volume<?> v, final int x, final int y, final int z) {
		return ((RealType<?>) v.image().randomAccess().setPositionAndGet(x, y, z)).getRealDouble();
	}

	@Test
	void qformAloneGivesTheSformGeometry() throws IOException {
		final double[] right = rotation();
		final double[] left = right.clone();
		for (int r = 0; r < 3; r++)
			left[r * 3 + 2] = -left[r * 3 + 2]; // z axis reversed: a left-handed frame, qfac -1
		for (final double[] d : new double[][] { right, left }) {
			final Volume<ShortType> v = volume(d);
			final Path p = tmp.resolve("q.nii");
			NiftiIO.write(v, p);
			final byte[] b = Files.readAllBytes(p);
			final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
			assertEquals(d == right ? 1f : -1f, h.getFloat(76), "qfac (pixdim[0])");
			h.putShort(254, (short) 0); // sform_code 0: the reader must use the quaternion
			Files.write(p, b);
			final Geometry g = NiftiIO.read(p).geometry();
			assertArrayEquals(v.geometry().spacing(), g.spacing(), 1e-6);
			assertArrayEquals(v.geometry().origin(), g.origin(), 1e-4);
			assertArrayEquals(v.geometry().direction(), g.direction(), 1e-6);
		}
	}

	@Test
	void headerFieldsOfWrittenFiles() throws IOException {
		final Path p = tmp.resolve("h.nii");
		NiftiIO.write(volume(rotation()), p);
		final ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals(348, h.getInt(0));
		assertEquals(3, h.getShort(40));
		assertEquals(6, h.getShort(42));
		assertEquals(5, h.getShort(44));
		assertEquals(4, h.getShort(46));
		assertEquals(4, h.getShort(70), "datatype int16");
		assertEquals(16, h.getShort(72), "bitpix");
		assertEquals(0.7f, h.getFloat(80));
		assertEquals(0.9f, h.getFloat(84));
		assertEquals(2.5f, h.getFloat(88));
		assertEquals(352f, h.getFloat(108), "vox_offset");
		assertEquals(10, h.get(123), "xyzt_units: mm (2) + s (8)");
		assertEquals(1, h.getShort(252), "qform_code scanner");
		assertEquals(1, h.getShort(254), "sform_code scanner");
		assertEquals("n+1", new String(h.array(), 344, 3, java.nio.charset.StandardCharsets.US_ASCII));
		// srow_x[3] is the RAS x of voxel 0: minus the LPS x
		assertEquals(120.5f, h.getFloat(280 + 12));
		assertEquals(-33.25f, h.getFloat(296 + 12));
		assertEquals(-260f, h.getFloat(312 + 12));
		assertEquals(352 + 6 * 5 * 4 * 2, h.capacity());
	}

	/** A header as a little- or big-endian tool writes it; 2 x 2 x 2 voxels follow at vox_offset. */
	private static ByteBuffer header(final ByteOrder order, final int datatype, final int bitpix, final int voxOffset) {
		final ByteBuffer h = ByteBuffer.allocate(voxOffset + 8 * bitpix / 8).order(order);
		h.putInt(0, 348);
		h.putShort(40, (short) 3).putShort(42, (short) 2).putShort(44, (short) 2).putShort(46, (short) 2);
		h.putShort(70, (short) datatype).putShort(72, (short) bitpix);
		h.putFloat(76, 1).putFloat(80, 1).putFloat(84, 1).putFloat(88, 1);
		h.putFloat(108, voxOffset);
		h.put(123, (byte) 2);
		h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
		return h;
	}

	private Volume<?> read(final String name, final ByteBuffer h) throws IOException {
		final Path p = tmp.resolve(name);
		Files.write(p, h.array());
		return NiftiIO.read(p);
	}

	@Test
	void bigEndianQformOnly() throws IOException {
		final ByteBuffer h = header(ByteOrder.BIG_ENDIAN, 4, 16, 352);
		h.putFloat(80, 0.5f).putFloat(84, 0.6f).putFloat(88, 3f);
		h.putShort(252, (short) 1);
		// quaternion (b, c, d) = (0, 0, 1): 180 degrees about z, i.e. RAS x and y reversed = LPS identity
		h.putFloat(256, 0).putFloat(260, 0).putFloat(264, 1);
		h.putFloat(268, 10).putFloat(272, 20).putFloat(276, 30);
		for (int i = 0; i < 8; i++)
			h.putShort(352 + 2 * i, (short) (i * 100 - 400));
		final Volume<?> v = read("be.nii", h);
		assertArrayEquals(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, v.geometry().direction(), 1e-7);
		assertArrayEquals(new double[] { -10, -20, 30 }, v.geometry().origin(), 1e-6);
		assertArrayEquals(new double[] { 0.5, 0.6, 3 }, v.geometry().spacing(), 1e-6);
		assertEquals(ShortType.class, v.image().getType().getClass());
		assertEquals(7 * 100 - 400, value(v, 1, 1, 1));
	}

	@Test
	void unitsInMetresBecomeMm() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352);
		h.put(123, (byte) 1); // metres
		h.putFloat(80, 0.0007f).putFloat(84, 0.0007f).putFloat(88, 0.002f);
		assertArrayEquals(new double[] { 0.7, 0.7, 2 }, read("m.nii", h).geometry().spacing(), 1e-5);
	}

	@Test
	void extensionsAreSkippedByVoxOffset() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352 + 32);
		h.put(348, (byte) 1); // extension flag
		h.putInt(352, 32).putInt(356, 6); // esize 32, ecode 6 (comment)
		for (int i = 0; i < 8; i++)
			h.put(384 + i, (byte) (10 + i));
		final Volume<?> v = read("ext.nii", h);
		assertEquals(10, value(v, 0, 0, 0));
		assertEquals(17, value(v, 1, 1, 1));
	}

	@Test
	void fourDimensionsWithOneVolumeOnly() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352);
		h.putShort(40, (short) 4).putShort(48, (short) 1);
		assertArrayEquals(new long[] { 2, 2, 2 }, read("t1.nii", h).dimensions());
		h.putShort(48, (short) 2);
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> read("t2.nii", h));
		assertTrue(e.getMessage().contains("t2.nii") && e.getMessage().contains("dim[4] = 2"), e.getMessage());
	}

	@Test
	void sformWinsOverQformAndNoCodesMeansPixdimOnly() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352);
		h.putShort(252, (short) 1).putFloat(268, 5); // qform: identity, offset x 5
		h.putShort(254, (short) 2); // sform (aligned): x axis 2 mm along RAS y, y axis 3 mm along RAS -x, z 4 mm along RAS z
		final float[] srow = { 0, -3, 0, 7, 2, 0, 0, 8, 0, 0, 4, 9 };
		for (int i = 0; i < 12; i++)
			h.putFloat(280 + 4 * i, srow[i]);
		final Geometry g = read("s.nii", h).geometry();
		assertArrayEquals(new double[] { 2, 3, 4 }, g.spacing(), 1e-7);
		assertArrayEquals(new double[] { -7, -8, 9 }, g.origin(), 1e-7);
		// LPS columns: x axis = RAS (0, 1, 0) = LPS (0, -1, 0); y axis = RAS (-1, 0, 0) = LPS (1, 0, 0)
		assertArrayEquals(new double[] { 0, 1, 0, -1, 0, 0, 0, 0, 1 }, g.direction(), 1e-7);
		h.putShort(252, (short) 0).putShort(254, (short) 0);
		final Geometry plain = read("plain.nii", h).geometry();
		assertArrayEquals(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, plain.direction(), 0, "no codes: pixdim in RAS, so x and y flip in LPS");
	}

	@Test
	void dcm2niixStyleUint16WithInterceptIsInt16Hu() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 512, 16, 352);
		h.putFloat(112, 1).putFloat(116, -1024);
		final int[] raw = { 0, 24, 1024, 2000, 4095, 3000, 1, 1023 };
		for (int i = 0; i < 8; i++)
			h.putShort(352 + 2 * i, (short) raw[i]);
		final Volume<?> v = read("u16.nii", h);
		assertEquals(ShortType.class, v.image().getType().getClass());
		assertEquals(-1024, value(v, 0, 0, 0));
		assertEquals(3071, value(v, 0, 0, 1));
		assertEquals(-1, value(v, 1, 1, 1));
	}

	@Test
	void scalingBeyondInt16MakesFloatForEverySlice() throws IOException {
		final ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 4, 16, 352);
		h.putFloat(112, 1).putFloat(116, 30000);
		for (int i = 0; i < 8; i++)
			h.putShort(352 + 2 * i, (short) (i < 4 ? i : 5000 + i)); // slice 0 fits int16, slice 1 does not
		final Volume<?> v = read("over.nii", h);
		assertEquals(FloatType.class, v.image().getType().getClass());
		assertEquals(30003, value(v, 1, 1, 0));
		assertEquals(35007, value(v, 1, 1, 1));
		final ByteBuffer f = header(ByteOrder.LITTLE_ENDIAN, 16, 32, 352);
		f.putFloat(352 + 4 * 7, -0.375f);
		assertEquals(-0.375, value(read("f.nii", f), 1, 1, 1), "float32 unscaled, bit for bit");
	}

	@Test
	void gzipIsRecognisedByContentAndOddFilesAreClearErrors() throws IOException {
		final Path gz = tmp.resolve("actually_gzip.nii");
		try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
			o.write(header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352).array());
		}
		assertArrayEquals(new long[] { 2, 2, 2 }, NiftiIO.read(gz).dimensions());
		final ByteBuffer pair = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352);
		pair.put(345, (byte) 'i');
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> read("pair.nii", pair));
		assertTrue(e.getMessage().contains(".hdr/.img"), e.getMessage());
		final ByteBuffer rgb = header(ByteOrder.LITTLE_ENDIAN, 128, 24, 352);
		assertTrue(assertThrows(VolumeIOException.class, () -> read("rgb.nii", rgb)).getMessage().contains("datatype 128"));
		final ByteBuffer badOffset = header(ByteOrder.LITTLE_ENDIAN, 2, 8, 352);
		badOffset.putFloat(108, 12);
		assertTrue(assertThrows(VolumeIOException.class, () -> read("off.nii", badOffset)).getMessage().contains("vox_offset"));
	}

	@Test
	void writerRefusesWhatNiftiOneCannotHold() {
		final Volume<ShortType> wide = new Volume<>(Planar.shorts(40000, 1, 1), Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NiftiIO.write(wide, tmp.resolve("w.nii")));
		assertTrue(e.getMessage().contains("40000"), e.getMessage());
	}

	/** The float32 view of a volume (e.g. normalised values) streams into .nii.gz like a planar image. */
	@Test
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void lazyViewsAreWritten() throws IOException {
		final Volume<ShortType> v = volume(rotation());
		final RandomAccessibleInterval<FloatType> f = net.imglib2.converter.Converters.convert((RandomAccessibleInterval) v.image(),
			(a, b) -> ((FloatType) b).set(((ShortType) a).get() / 4f), new FloatType());
		final Path p = tmp.resolve("view.nii.gz");
		NiftiIO.write(new Volume<>(f, v.geometry(), VolumeInfo.EMPTY), p);
		final Volume<?> back = NiftiIO.read(p);
		for (int z = 0; z < 4; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 6; x++)
					assertEquals(value(v, x, y, z) / 4, value(back, x, y, z), 0);
	}
}
