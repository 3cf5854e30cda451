package org.lungprep.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;
import org.lungprep.io.npy.NpyIO;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Field-aware fuzzing of the header formats (ReaderFuzzTest flips bytes; this one aims at the fields that size
 * allocations and drive geometry): every NIfTI header field that matters and every number in a MetaImage or npy
 * header is set, a few at a time, to extreme values (0, -1, 2^15 - 1, 2^31 - 1, 2^32, huge, NaN, infinite). Each run
 * ends in a volume or a VolumeIOException naming the file, within a hang guard, without an OutOfMemoryError (the test
 * JVM has 4 GB; the largest dimension product a mutation can claim is far more).
 */
class HeaderFuzzTest {

	@TempDir
	Path tmp;

	private static final int RUNS = 400;

	/** NIfTI-1 fields: offset, kind (s = short, f = float, b = byte). */
	private static final Object[][] NIFTI_FIELDS = { { 0, 'i' }, { 40, 's' }, { 42, 's' }, { 44, 's' }, { 46, 's' }, { 48, 's' }, { 70, 's' }, { 72, 's' },
		{ 76, 'f' }, { 80, 'f' }, { 84, 'f' }, { 88, 'f' }, { 108, 'f' }, { 112, 'f' }, { 116, 'f' }, { 123, 'b' }, { 252, 's' }, { 254, 's' }, { 256, 'f' },
		{ 260, 'f' }, { 264, 'f' }, { 268, 'f' }, { 280, 'f' }, { 284, 'f' }, { 292, 'f' }, { 300, 'f' }, { 316, 'f' }, { 324, 'f' }, { 344, 'b' } };
	private static final short[] SHORTS = { 0, -1, 1, 2, 4, 7, 16, 512, 768, 32767, -32768, 1024 };
	private static final float[] FLOATS = { 0, -1, 1e-30f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2147483647f, 351f, 352f, 4e9f };
	private static final String[] NUMBERS = { "0", "-1", "1", "32767", "65535", "65536", "2147483647", "4294967296", "9223372036854775807",
		"99999999999999999999999", "1e308", "NaN", "-Infinity", "0.5", "x" };
	private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	private static Volume<ShortType> volume() {
		final PlanarImg<ShortType, ?> img = Planar.shorts(10, 8, 6);
		final Random r = new Random(4);
		for (final ShortType t : img)
			t.set((short) (r.nextInt(3000) - 1024));
		return new Volume<>(img, new Geometry(new double[] { 0.7, 0.8, 2.5 }, new double[] { -100, 20, -300 }, TestGeometries.rotation()), VolumeInfo.EMPTY);
	}

	@FunctionalInterface
	interface Reader {
		Object read(Path p) throws IOException;
	}

	private static void readOrClearError(final Path f, final Reader reader, final String what) {
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			try {
				reader.read(f);
			}
			catch (final VolumeIOException e) {
				assertTrue(e.getMessage().contains(f.getFileName().toString()), "names the file: " + e.getMessage());
				assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
			}
		}, () -> "hang on " + what);
	}

	private static byte[] niftiMutation(final byte[] valid, final Random r) {
		final byte[] b = valid.clone();
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		for (int k = 1 + r.nextInt(3); k > 0; k--) {
			final Object[] f = NIFTI_FIELDS[r.nextInt(NIFTI_FIELDS.length)];
			final int at = (Integer) f[0];
			switch ((Character) f[1]) {
				case 'i': h.putInt(at, r.nextBoolean() ? 0x5C010000 : r.nextInt()); break; // 0x5C010000 = 348 big endian
				case 's': h.putShort(at, SHORTS[r.nextInt(SHORTS.length)]); break;
				case 'f': h.putFloat(at, FLOATS[r.nextInt(FLOATS.length)]); break;
				default: h.put(at, (byte) r.nextInt(256));
			}
		}
		return b;
	}

	private static String textMutation(final String valid, final Random r) {
		String s = valid;
		for (int k = 1 + r.nextInt(3); k > 0; k--) {
			final Matcher m = NUMBER.matcher(s);
			int count = 0;
			while (m.find())
				count++;
			if (count == 0) return s;
			final int pick = r.nextInt(count);
			m.reset();
			for (int i = 0; i <= pick; i++)
				m.find();
			s = s.substring(0, m.start()) + NUMBERS[r.nextInt(NUMBERS.length)] + s.substring(m.end());
		}
		return s;
	}

	private void nifti(final int runs, final long seed) throws IOException {
		final Path valid = tmp.resolve("valid.nii");
		NiftiIO.write(volume(), valid);
		final byte[] bytes = Files.readAllBytes(valid);
		final Random r = new Random(seed);
		for (int run = 0; run < runs; run++) {
			final boolean gz = run % 3 == 0;
			final Path f = tmp.resolve("n" + run + (gz ? ".nii.gz" : ".nii"));
			final byte[] m = niftiMutation(bytes, r);
			if (gz) try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
				o.write(m);
			}
			else Files.write(f, m);
			readOrClearError(f, NiftiIO::read, "NIfTI mutation " + run + " of seed " + seed);
			Files.delete(f);
		}
	}

	private void metaImage(final int runs, final long seed) throws IOException {
		final Volume<ShortType> v = volume();
		MetaImageIO.write(v, tmp.resolve("valid.mhd"));
		MetaImageIO.write(v, tmp.resolve("validz.mhd"), true);
		MetaImageIO.write(v, tmp.resolve("valid.mha"));
		final String mhd = Files.readString(tmp.resolve("valid.mhd"), StandardCharsets.ISO_8859_1);
		final String mhdz = Files.readString(tmp.resolve("validz.mhd"), StandardCharsets.ISO_8859_1);
		final byte[] mha = Files.readAllBytes(tmp.resolve("valid.mha"));
		final String mhaText = new String(mha, StandardCharsets.ISO_8859_1);
		final int dataStart = mhaText.indexOf("LOCAL\n") + 6;
		final Random r = new Random(seed);
		for (int run = 0; run < runs; run++) {
			final Path f;
			switch (run % 3) {
				case 0:
					f = tmp.resolve("m" + run + ".mhd");
					Files.writeString(f, textMutation(mhd, r), StandardCharsets.ISO_8859_1);
					break;
				case 1:
					f = tmp.resolve("z" + run + ".mhd");
					Files.writeString(f, textMutation(mhdz, r), StandardCharsets.ISO_8859_1);
					break;
				default:
					f = tmp.resolve("a" + run + ".mha");
					final byte[] head = textMutation(mhaText.substring(0, dataStart), r).getBytes(StandardCharsets.ISO_8859_1);
					final byte[] all = java.util.Arrays.copyOf(head, head.length + mha.length - dataStart);
					System.arraycopy(mha, dataStart, all, head.length, mha.length - dataStart);
					Files.write(f, all);
			}
			readOrClearError(f, MetaImageIO::read, "MetaImage mutation " + run + " of seed " + seed);
			Files.delete(f);
		}
	}

	private void npy(final int runs, final long seed) throws IOException {
		final Path valid = tmp.resolve("valid.npy");
		NpyIO.write(volume(), valid);
		final byte[] b = Files.readAllBytes(valid);
		final int headerLength = b[8] & 0xff | (b[9] & 0xff) << 8;
		final String dict = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
		final Random r = new Random(seed);
		for (int run = 0; run < runs; run++) {
			String d = textMutation(dict, r);
			if (r.nextInt(4) == 0) d = d.replace("<i2", new String[] { ">i2", "<f4", "|u1", "<i8", "|b1", "<f8", "" }[r.nextInt(7)]);
			final byte[] nd = d.getBytes(StandardCharsets.ISO_8859_1);
			final byte[] out = new byte[10 + nd.length + b.length - 10 - headerLength];
			System.arraycopy(b, 0, out, 0, 8);
			// the header length field follows the dictionary, or (sometimes) lies
			final int len = r.nextInt(8) == 0 ? r.nextInt(65536) : nd.length;
			out[8] = (byte) len;
			out[9] = (byte) (len >>> 8);
			System.arraycopy(nd, 0, out, 10, nd.length);
			System.arraycopy(b, 10 + headerLength, out, 10 + nd.length, b.length - 10 - headerLength);
			final Path f = tmp.resolve("p" + run + ".npy");
			Files.write(f, out);
			readOrClearError(f, NpyIO::read, "npy mutation " + run + " of seed " + seed);
			Files.delete(f);
		}
	}

	@Test
	void niftiHeaderFields() throws IOException {
		nifti(RUNS, 1);
	}

	@Test
	void metaImageHeaderNumbers() throws IOException {
		metaImage(RUNS, 2);
	}

	@Test
	void npyHeaderNumbers() throws IOException {
		npy(RUNS, 3);
	}

	/** The long variant: ten times the mutations, other seeds. */
	@Test
	@Tag("slow")
	void manyMoreMutations() throws IOException {
		for (long seed = 100; seed < 110; seed++) {
			nifti(RUNS, seed);
			metaImage(RUNS, seed);
			npy(RUNS, seed);
		}
	}
}
