package org.lungprep.io.formats;

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
import java.util.Random;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** MetaImage and NIfTI: round trips with geometry, hand-written header variants, and one shared set of malformed inputs. */
class VolumeFormatsTest {

	@TempDir
	Path tmp;

	/** A rotated (about z by 30 degrees), mirrored-free direction with anisotropic spacing and an off-centre origin. */
	private static final Geometry G;
	static {
		final double c = Math.cos(Math.toRadians(30)), s = Math.sin(Math.toRadians(30));
		G = new Geometry(new double[] { 0.7, 0.8, 2.5 }, new double[] { -150.25, 20.5, -310 }, new double[] { c, -s, 0, s, c, 0, 0, 0, 1 });
	}

	private static Volume<ShortType> shorts() {
		final PlanarImg<ShortType, ?> img = Planar.shorts(7, 5, 4);
		final Random r = new Random(1);
		for (final ShortType t : img)
			t.set((short) (r.nextInt(5000) - 1024));
		return new Volume<>(img, G, VolumeInfo.EMPTY);
	}

	private static void assertSameGeometry(final Geometry a, final Geometry b) {
		assertArrayEquals(a.spacing(), b.spacing(), 1e-5);
		assertArrayEquals(a.origin(), b.origin(), 1e-4);
		assertArrayEquals(a.direction(), b.direction(), 1e-5);
	}

	private static void assertSameValues(final Volume<?> a, final Volume<?> b) {
		final Object t = a.image().getType();
		for (int z = 0; z < a.size(2); z++) {
			if (t instanceof ShortType)
				assertArrayEquals((short[]) Planar.plane(Planar.asShorts(a.image()), z), (short[]) Planar.plane(Planar.asShorts(b.image()), z));
			else if (t instanceof UnsignedByteType)
				assertArrayEquals((byte[]) Planar.plane(Planar.asUnsignedBytes(a.image()), z), (byte[]) Planar.plane(Planar.asUnsignedBytes(b.image()), z));
			else assertArrayEquals((float[]) Planar.plane(Planar.asFloats(a.image()), z), (float[]) Planar.plane(Planar.asFloats(b.image()), z));
		}
	}

	@Test
	void roundTripsKeepValuesAndGeometry() throws IOException {
		final Volume<ShortType> hu = shorts();
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(7, 5, 4);
		m.randomAccess().setPositionAndGet(3, 2, 1).set(2);
		final PlanarImg<FloatType, ?> f = Planar.floats(7, 5, 4);
		f.randomAccess().setPositionAndGet(6, 4, 3).set(-0.125f);
		for (final Volume<?> v : new Volume<?>[] { hu, new Volume<>(m, G, VolumeInfo.EMPTY), new Volume<>(f, G, VolumeInfo.EMPTY) })
			for (final String name : new String[] { "a.mhd", "b.nii", "c.nii.gz" }) {
				final Path p = tmp.resolve(v.image().getType().getClass().getSimpleName() + name);
				if (name.endsWith(".mhd")) MetaImageIO.write(v, p);
				else NiftiIO.write(v, p);
				final Volume<?> back = name.endsWith(".mhd") ? MetaImageIO.read(p) : NiftiIO.read(p);
				assertEquals(v.image().getType().getClass(), back.image().getType().getClass(), name);
				assertArrayEquals(v.dimensions(), back.dimensions());
				assertSameGeometry(v.geometry(), back.geometry());
				assertSameValues(v, back);
			}
	}

	@Test
	void niftiIsRasOnDisk() throws IOException {
		final Path p = tmp.resolve("ras.nii");
		NiftiIO.write(new Volume<>(shorts().image(), new Geometry(new double[] { 1, 1, 1 }, new double[] { 10, 20, 30 },
			new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }), VolumeInfo.EMPTY), p);
		final ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
		// LPS x = 10 is RAS x = -10; the LPS x axis points to RAS -x
		assertEquals(-1f, h.getFloat(280), 0f);
		assertEquals(-10f, h.getFloat(292), 0f);
		assertEquals(-20f, h.getFloat(308), 0f);
		assertEquals(30f, h.getFloat(324), 0f);
	}

	@Test
	void niftiQformOnlyAndScaling() throws IOException {
		// hand-made header: qform only (code 1, identity rotation), scl_slope 2, intercept -1024, int16 data
		final ByteBuffer h = ByteBuffer.allocate(352 + 2 * 8).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, 348);
		h.putShort(40, (short) 3);
		h.putShort(42, (short) 2);
		h.putShort(44, (short) 2);
		h.putShort(46, (short) 2);
		h.putShort(70, (short) 4);
		h.putShort(72, (short) 16);
		h.putFloat(76, 1);
		h.putFloat(80, 0.5f);
		h.putFloat(84, 0.5f);
		h.putFloat(88, 3);
		h.putFloat(108, 352);
		h.putFloat(112, 2);
		h.putFloat(116, -1024);
		h.putShort(252, (short) 1);
		h.putFloat(268, 5);
		h.putFloat(272, 6);
		h.putFloat(276, 7);
		h.position(344);
		h.put(new byte[] { 'n', '+', '1', 0 });
		for (int i = 0; i < 8; i++)
			h.putShort(352 + 2 * i, (short) (100 * i));
		final Path p = tmp.resolve("q.nii");
		Files.write(p, h.array());
		final Volume<?> v = NiftiIO.read(p);
		assertTrue(v.image().getType() instanceof ShortType, "int16 with whole-number scaling whose results fit stays int16 (RawVolumes' policy)");
		assertArrayEquals(new double[] { 0.5, 0.5, 3 }, v.geometry().spacing(), 1e-6);
		assertArrayEquals(new double[] { -5, -6, 7 }, v.geometry().origin(), 1e-6);
		assertArrayEquals(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, v.geometry().direction(), 1e-6, "RAS identity is LPS with x and y flipped");
		assertEquals(2 * 700 - 1024, ((short[]) Planar.plane(Planar.asShorts((net.imglib2.RandomAccessibleInterval) v.image()), 1))[3]);
		// a fractional slope makes float32
		final ByteBuffer half = ByteBuffer.wrap(h.array().clone()).order(ByteOrder.LITTLE_ENDIAN);
		half.putFloat(112, 0.5f);
		final Path q2 = tmp.resolve("q2.nii");
		Files.write(q2, half.array());
		final Volume<?> f = NiftiIO.read(q2);
		assertTrue(f.image().getType() instanceof FloatType, "fractional scaling makes float32");
		assertEquals(0.5 * 700 - 1024, ((float[]) Planar.plane(Planar.asFloats((net.imglib2.RandomAccessibleInterval) f.image()), 1))[3], 1e-6);
	}

	@Test
	void metaImageVariants() throws IOException {
		// LUNA16-style header with a .zraw (zlib) file, and an .mha with big-endian data inline
		final short[] values = { -1024, 0, 40, 700, -500, 3071, 12, -3 };
		final ByteBuffer le = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		for (final short s : values)
			le.putShort(s);
		final java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
		try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
			d.write(le.array());
		}
		Files.write(tmp.resolve("luna.zraw"), z.toByteArray());
		Files.write(tmp.resolve("luna.mhd"), String.join("\n", "ObjectType = Image", "NDims = 3", "BinaryData = True", "BinaryDataByteOrderMSB = False",
			"CompressedData = True", "CompressedDataSize = " + z.size(), "TransformMatrix = 1 0 0 0 1 0 0 0 1", "Offset = -198.1 -195.0 -335.21",
			"CenterOfRotation = 0 0 0", "AnatomicalOrientation = RAI", "ElementSpacing = 0.7 0.7 2.5", "DimSize = 2 2 2", "ElementType = MET_SHORT",
			"ElementDataFile = luna.zraw", "").getBytes(StandardCharsets.US_ASCII));
		final Volume<?> v = MetaImageIO.read(tmp.resolve("luna.mhd"));
		assertArrayEquals(new double[] { -198.1, -195.0, -335.21 }, v.geometry().origin(), 1e-9);
		assertArrayEquals(values, Arrays.copyOf(concat(v), 8));
		final ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
		for (final short s : values)
			be.putShort(s);
		final byte[] head = String.join("\n", "NDims = 3", "DimSize = 2 2 2", "ElementType = MET_SHORT", "ElementByteOrderMSB = True", "ElementDataFile = LOCAL", "")
			.getBytes(StandardCharsets.US_ASCII);
		final byte[] mha = Arrays.copyOf(head, head.length + 16);
		System.arraycopy(be.array(), 0, mha, head.length, 16);
		Files.write(tmp.resolve("inline.mha"), mha);
		assertArrayEquals(values, concat(MetaImageIO.read(tmp.resolve("inline.mha"))));
	}

	private static short[] concat(final Volume<?> v) {
		final short[] out = new short[(int) v.voxelCount()];
		int o = 0;
		for (int z = 0; z < v.size(2); z++) {
			final short[] p = Planar.plane(Planar.asShorts((net.imglib2.RandomAccessibleInterval) v.image()), z);
			System.arraycopy(p, 0, out, o, p.length);
			o += p.length;
		}
		return out;
	}

	/** The same malformed inputs for every reader: each ends in a VolumeIOException naming the file, never in another exception. */
	@Test
	void malformedFilesAreClearErrors() throws IOException {
		final Volume<ShortType> hu = shorts();
		final Path goodMhd = tmp.resolve("good.mhd"), goodNii = tmp.resolve("good.nii");
		MetaImageIO.write(hu, goodMhd);
		NiftiIO.write(hu, goodNii);
		final byte[] nii = Files.readAllBytes(goodNii);
		final Path truncated = tmp.resolve("trunc.nii");
		Files.write(truncated, Arrays.copyOf(nii, nii.length - 7));
		final Path huge = tmp.resolve("huge.nii");
		final byte[] big = nii.clone();
		ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 30000).putShort(44, (short) 30000).putShort(46, (short) 30000);
		Files.write(huge, big);
		final Path garbage = tmp.resolve("garbage.nii.gz");
		Files.write(garbage, "this is not gzip".getBytes(StandardCharsets.US_ASCII));
		final Path missingRaw = tmp.resolve("missing.mhd");
		Files.write(missingRaw, "NDims = 3\nDimSize = 4 4 4\nElementType = MET_SHORT\nElementDataFile = nothere.raw\n".getBytes(StandardCharsets.US_ASCII));
		final Path shortRaw = tmp.resolve("short.mhd");
		Files.write(tmp.resolve("short.raw"), new byte[10]);
		Files.write(shortRaw, "NDims = 3\nDimSize = 400 400 400\nElementType = MET_SHORT\nElementDataFile = short.raw\n".getBytes(StandardCharsets.US_ASCII));
		final Path badType = tmp.resolve("type.mhd");
		Files.write(badType, "NDims = 3\nDimSize = 1 1 1\nElementType = MET_LONG_LONG\nElementDataFile = short.raw\n".getBytes(StandardCharsets.US_ASCII));
		final Path text = tmp.resolve("text.mhd");
		Files.write(text, "hello world\n".getBytes(StandardCharsets.US_ASCII));
		for (final Path p : new Path[] { truncated, huge, garbage, tmp.resolve("absent.nii") }) {
			final VolumeIOException e = assertThrows(VolumeIOException.class, () -> NiftiIO.read(p), p.toString());
			assertTrue(e.getMessage().contains(p.getFileName().toString()) || e.getMessage().contains("short.raw"), e.getMessage());
		}
		for (final Path p : new Path[] { missingRaw, shortRaw, badType, text, tmp.resolve("absent.mhd") }) {
			final VolumeIOException e = assertThrows(VolumeIOException.class, () -> MetaImageIO.read(p), p.toString());
			assertTrue(e.getMessage().contains(p.getFileName().toString()) || e.getMessage().contains(".raw"), e.getMessage());
		}
	}
}
