package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.io.dicom.codec.PixelDecoders;
import org.lungprep.testutil.TestData;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * The parser on synthetic byte streams written element by element from PS3.5 ({@link DicomBytes}): every uncompressed
 * encoding, with and without file meta, nested sequences and items of defined and undefined length, private tags,
 * wrong VRs, lengths that point beyond the file, encapsulated frame splitting, BitsStored masking.
 */
class DicomParserTest {

	static final int COLS = 5, ROWS = 4;
	static final String CT = "1.2.840.10008.5.1.4.1.1.2";
	static final String SERIES = "1.2.826.0.1.3680043.2.1125.1.777";

	/** The settings of one synthetic slice. */
	static final class Slice {
		double z;
		int instance = 1;
		int bitsAllocated = 16, bitsStored = 16;
		boolean signed = true;
		double slope = 1, intercept = -1024;
		short[] pixels;
		byte[] pixels8;
		String transferSyntax;
		int rows = ROWS, cols = COLS;
		/** Extra elements written between the image attributes and the pixel data (tags 0028,xxxx &lt; 7FE0). */
		Function<DicomBytes, DicomBytes> extra = b -> b;

		Slice(final double z, final short[] pixels) {
			this.z = z;
			this.pixels = pixels;
		}
	}

	/** A CT data set in ascending tag order, with an undefined-length sequence nesting another, and private tags. */
	static byte[] dataset(final DicomBytes b, final Slice s) {
		final DicomBytes nested = b.same().text(0x00080100, "SH", "113072").text(0x00080102, "SH", "DCM");
		final DicomBytes item1 = b.same().text(0x00081150, "UI", CT).text(0x00081155, "UI", "1.2.3.4.1")
			.sequence(0x00089215, false, true, nested.bytes());
		final DicomBytes item2 = b.same().text(0x00081150, "UI", CT).text(0x00081155, "UI", "1.2.3.4.2");
		b.text(0x00080016, "UI", CT).text(0x00080018, "UI", "1.2.3.4." + s.instance).text(0x00080060, "CS", "CT");
		b.sequence(0x00081140, true, true, item1.bytes(), item2.bytes());
		b.text(0x00090010, "LO", "ACME private").element(0x00091001, "OB", new byte[] { 1, 2, 3 });
		b.text(0x00100020, "LO", "SYN-1").text(0x00180050, "DS", "2.5");
		b.text(0x0020000D, "UI", "1.2.3.9").text(0x0020000E, "UI", SERIES).text(0x00200011, "IS", "7").text(0x00200013, "IS", String.valueOf(s.instance));
		b.text(0x00200032, "DS", "-10\\-20\\" + s.z).text(0x00200037, "DS", "1\\0\\0\\0\\1\\0");
		b.us(0x00280002, 1).text(0x00280004, "CS", "MONOCHROME2").us(0x00280010, s.rows).us(0x00280011, s.cols).text(0x00280030, "DS", "0.5\\0.75");
		b.us(0x00280100, s.bitsAllocated).us(0x00280101, s.bitsStored).us(0x00280102, s.bitsStored - 1).us(0x00280103, s.signed ? 1 : 0);
		b.text(0x00281052, "DS", String.valueOf(s.intercept)).text(0x00281053, "DS", String.valueOf(s.slope));
		s.extra.apply(b);
		if (s.pixels8 != null) b.element(Tags.PIXEL_DATA, "OB", s.pixels8);
		else if (s.pixels != null) b.pixels16(Tags.PIXEL_DATA, s.pixels);
		return b.bytes();
	}

	/** The encodings a file can have, and how to write it. */
	enum Encoding {
		IMPLICIT_LE(TransferSyntax.IMPLICIT_LE, false, false, true, false),
		EXPLICIT_LE(TransferSyntax.EXPLICIT_LE, true, false, true, false),
		EXPLICIT_BE(TransferSyntax.EXPLICIT_BE, true, true, true, false),
		DEFLATED_LE(TransferSyntax.DEFLATED_LE, true, false, true, true),
		BARE_IMPLICIT_LE(TransferSyntax.IMPLICIT_LE, false, false, false, false),
		BARE_EXPLICIT_LE(TransferSyntax.EXPLICIT_LE, true, false, false, false);

		final TransferSyntax ts;
		final boolean explicit, big, part10, deflate;

		Encoding(final TransferSyntax ts, final boolean explicit, final boolean big, final boolean part10, final boolean deflate) {
			this.ts = ts;
			this.explicit = explicit;
			this.big = big;
			this.part10 = part10;
			this.deflate = deflate;
		}

		byte[] file(final Slice s) {
			byte[] ds = dataset(new DicomBytes(explicit, big), s);
			if (deflate) ds = DicomBytes.deflate(ds);
			return part10 ? DicomBytes.part10(ts.uid(), ds) : ds;
		}
	}

	static short[] randomPixels(final long seed) {
		final Random r = new Random(seed);
		final short[] px = new short[ROWS * COLS];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) (r.nextInt(5000) - 2048);
		return px;
	}

	static StoredVolume readFolder(final Path dir) throws IOException {
		final DicomSeries s = DicomScanner.scan(dir, false, ProgressListener.NONE).select(null);
		return DicomSeriesReader.read(s, DicomReadOptions.DEFAULT, ProgressListener.NONE);
	}

	static short[] plane(final Volume<ShortType> v, final int z) {
		return Planar.plane(Planar.asShorts(v.image()), z);
	}

	@Test
	void everyUncompressedEncodingGivesTheSameSeries(@TempDir final Path tmp) throws IOException {
		// three slices written in scrambled instance order: the reader must order them by position
		final double[] zs = { 5.0, 0.0, 2.5 };
		for (final Encoding enc : Encoding.values()) {
			final Path dir = Files.createDirectories(tmp.resolve(enc.name()));
			for (int i = 0; i < 3; i++) {
				final Slice s = new Slice(zs[i], randomPixels(Math.round(zs[i] * 10)));
				s.instance = i + 1;
				Files.write(dir.resolve("f" + i), enc.file(s));
			}
			final DicomScan scan = DicomScanner.scan(dir, false, ProgressListener.NONE);
			assertEquals(1, scan.series().size(), enc + ": " + scan.notes());
			final DicomSeries series = scan.select("7");
			assertEquals(SERIES, series.uid(), enc.name());
			assertEquals("SYN-1", series.patientId(), enc.name());
			assertEquals(java.util.Set.of(enc.ts.uid()), series.transferSyntaxes(), enc.name());
			final StoredVolume v = DicomSeriesReader.read(series, DicomReadOptions.DEFAULT, ProgressListener.NONE);
			assertArrayEquals(new double[] { 0.75, 0.5, 2.5 }, v.stored().geometry().spacing(), 1e-12, enc.name());
			assertArrayEquals(new double[] { -10, -20, 0 }, v.stored().geometry().origin(), 1e-12, enc.name());
			assertTrue(v.stored().info().warnings().isEmpty(), enc + ": " + v.stored().info().warnings());
			for (int z = 0; z < 3; z++)
				assertArrayEquals(randomPixels(z * 25), plane(v.stored(), z), enc + " slice " + z);
			assertEquals(-1024, v.intercept(1), enc.name());
		}
	}

	@Test
	void nestedSequencesAndPrivateTagsInEveryEncoding() throws IOException {
		for (final Encoding enc : Encoding.values()) {
			final DicomFile f = DicomParser.parse(Path.of("synthetic-" + enc), enc.file(new Slice(0, randomPixels(1))), false);
			final DicomObject d = f.dataset();
			final List<DicomObject> refs = d.items(0x00081140);
			assertEquals(2, refs.size(), enc.name());
			assertEquals("1.2.3.4.2", refs.get(1).string(0x00081155), enc.name());
			// the defined-length sequence inside an undefined-length item: opaque in implicit VR (its VR is not in the
			// file and LungPrep does not need it), parsed as items when the VR says SQ
			if (enc.explicit) assertEquals("113072", refs.get(0).item(0x00089215).string(0x00080100), enc.name());
			assertEquals("ACME private", d.string(0x00090010), enc.name());
			assertTrue(d.contains(0x00091001), enc.name());
			// elements after the sequences are found: the parser resumed at the right byte
			assertEquals("SYN-1", d.string(0x00100020), enc.name());
			assertEquals(ROWS, d.unsignedShort(Tags.ROWS, -1), enc.name());
			assertTrue(f.hasPixelData(), enc.name());
		}
	}

	@Test
	void wrongVrsAndOddLengthsAreTolerated(@TempDir final Path tmp) throws IOException {
		final Slice s = new Slice(0, randomPixels(3));
		s.extra = b -> {
			// RescaleType as a text value of the wrong VR (UN): still read as text
			b.text(0x00281054, "UN", "HU");
			// a private element written in implicit VR inside an explicit file (its "VR" bytes are length bytes)
			b.u16(0x0029).u16(0x1010).raw(new byte[] { 4, 0, 0, 0 }).raw(new byte[] { 'a', 'b', 'c', 'd' });
			// UN of undefined length: an implicit VR little endian sequence (PS3.5 6.2.2)
			final DicomBytes implicitItem = new DicomBytes(false, false).text(0x00291020, "LO", "inside UN");
			b.header(0x00291030, "UN", DicomBytes.UNDEFINED);
			final DicomBytes body = new DicomBytes(false, false);
			body.header(Tags.ITEM, null, DicomBytes.UNDEFINED).raw(implicitItem.bytes()).header(Tags.ITEM_DELIMITATION, null, 0);
			body.header(Tags.SEQUENCE_DELIMITATION, null, 0);
			b.raw(body.bytes());
			// an odd length without padding, as some writers produce
			b.header(0x00291040, "LO", 3).raw(new byte[] { 'x', 'y', 'z' });
			return b;
		};
		final Path f = tmp.resolve("odd");
		Files.write(f, DicomBytes.part10(TransferSyntax.EXPLICIT_LE.uid(), dataset(new DicomBytes(true, false), s)));
		final DicomObject d = DicomParser.parse(f, false).dataset();
		assertEquals("abcd", d.string(0x00291010));
		assertEquals("inside UN", d.item(0x00291030).string(0x00291020));
		assertEquals("xyz", d.string(0x00291040));
		assertEquals("HU", d.string(0x00281054));
		assertArrayEquals(randomPixels(3), plane(readFolder(tmp).stored(), 0));
	}

	@Test
	void rowsWrittenAsTextStillGiveTheImageSize(@TempDir final Path tmp) throws IOException {
		// Rows/Columns are US; some writers store them as IS text
		final Slice s = new Slice(0, randomPixels(4));
		final byte[] ds = dataset(new DicomBytes(true, false), s);
		final byte[] fixed = replaceUs(ds, 0x00280010, "IS", "4 ");
		Files.write(tmp.resolve("is"), DicomBytes.part10(TransferSyntax.EXPLICIT_LE.uid(), fixed));
		final StoredVolume v = readFolder(tmp);
		assertEquals(ROWS, v.stored().size(1));
		assertArrayEquals(randomPixels(4), plane(v.stored(), 0));
	}

	/** Replaces the explicit LE US element of a tag by a text element of another VR (same 2-byte value length). */
	static byte[] replaceUs(final byte[] ds, final int tag, final String vr, final String text) {
		final byte[] out = ds.clone();
		for (int i = 0; i + 10 <= out.length; i++) {
			if (DicomObject.u16(out, i, false) == tag >>> 16 && DicomObject.u16(out, i + 2, false) == (tag & 0xFFFF) && out[i + 4] == 'U'
				&& out[i + 5] == 'S')
			{
				out[i + 4] = (byte) vr.charAt(0);
				out[i + 5] = (byte) vr.charAt(1);
				out[i + 8] = (byte) text.charAt(0);
				out[i + 9] = (byte) text.charAt(1);
				return out;
			}
		}
		throw new AssertionError("tag not found");
	}

	@Test
	void lengthsBeyondTheFileAreErrorsNotAllocations(@TempDir final Path tmp) throws IOException {
		final List<Function<DicomBytes, DicomBytes>> corrupt = new ArrayList<>();
		// a 2 GB OB value, a 2 GB sequence, a 4 GB-16 item, in files of a few hundred bytes
		corrupt.add(b -> b.header(0x00291001, "OB", 0x7FFFFFFFL).raw(new byte[16]));
		corrupt.add(b -> b.header(0x00291002, "SQ", 0x80000000L).header(Tags.ITEM, null, 8).raw(new byte[8]));
		corrupt.add(b -> b.header(0x00291003, "SQ", DicomBytes.UNDEFINED).header(Tags.ITEM, null, 0xFFFFFFF0L).raw(new byte[8]));
		// an undefined-length sequence that never ends
		corrupt.add(b -> b.header(0x00291004, "SQ", DicomBytes.UNDEFINED).header(Tags.ITEM, null, DicomBytes.UNDEFINED).text(0x00291005, "LO", "x"));
		int i = 0;
		for (final Function<DicomBytes, DicomBytes> c : corrupt) {
			final Slice s = new Slice(0, null);
			s.extra = c;
			final Path f = tmp.resolve("corrupt" + i++);
			Files.write(f, DicomBytes.part10(TransferSyntax.EXPLICIT_LE.uid(), dataset(new DicomBytes(true, false), s)));
			assertTrue(Files.size(f) < 2000);
			for (final boolean headerOnly : new boolean[] { true, false }) {
				final VolumeIOException e = assertThrows(VolumeIOException.class, () -> DicomParser.parse(f, headerOnly), f + " header only " + headerOnly);
				assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
			}
		}
		// PixelData claiming 2 GB with half a frame present: the header is fine (the scan stops before it), the pixels are not
		final Path dir = Files.createDirectories(tmp.resolve("hugepixels"));
		final Slice s = new Slice(0, null);
		s.extra = b -> b.header(Tags.PIXEL_DATA, "OW", 0x7FFFFFFEL).raw(new byte[20]);
		final Path f = dir.resolve("px");
		Files.write(f, DicomBytes.part10(TransferSyntax.EXPLICIT_LE.uid(), dataset(new DicomBytes(true, false), s)));
		DicomParser.parse(f, true);
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> readFolder(dir));
		assertTrue(e.getMessage().contains("px") && e.getMessage().contains("truncated"), e.getMessage());
		// Rows x Columns of 65535 x 65535 in a small file: refused before any allocation
		final Path dir2 = Files.createDirectories(tmp.resolve("hugesize"));
		final Slice big = new Slice(0, randomPixels(1));
		big.rows = 65535;
		big.cols = 65535;
		Files.write(dir2.resolve("big"), DicomBytes.part10(TransferSyntax.EXPLICIT_LE.uid(), dataset(new DicomBytes(true, false), big)));
		final VolumeIOException e2 = assertThrows(VolumeIOException.class, () -> readFolder(dir2));
		assertTrue(e2.getMessage().contains("big") && e2.getMessage().contains("65535"), e2.getMessage());
	}

	@Test
	void aReusedBufferIsReadOnlyUpToTheFileItHolds(@TempDir final Path tmp) throws IOException {
		// a large file, then a smaller one and a truncated one through the same holder: the buffer is kept, and what
		// lies beyond the current file (the previous file's bytes) is never read as this file's data
		final Slice large = new Slice(0, new short[ROWS * 4 * COLS * 4]);
		large.rows = ROWS * 4;
		large.cols = COLS * 4;
		java.util.Arrays.fill(large.pixels, (short) 1234);
		final Path a = tmp.resolve("large"), b = tmp.resolve("small"), c = tmp.resolve("cut");
		Files.write(a, Encoding.EXPLICIT_LE.file(large));
		final Slice small = new Slice(3, randomPixels(9));
		Files.write(b, Encoding.EXPLICIT_LE.file(small));
		final byte[] whole = Encoding.EXPLICIT_LE.file(new Slice(6, randomPixels(10)));
		Files.write(c, Arrays.copyOf(whole, whole.length - 6));
		final byte[][] holder = new byte[1][];
		DicomParser.parse(a, false, holder);
		final byte[] kept = holder[0];
		assertTrue(kept.length >= Files.size(a));
		for (final Path f : new Path[] { b, c }) {
			final DicomFile reused = DicomParser.parse(f, false, holder), fresh = DicomParser.parse(f, false);
			assertTrue(kept == holder[0], "the larger buffer is reused for " + f);
			assertEquals(fresh.pixelLength, reused.pixelLength, f.toString());
			assertEquals(fresh.pixelTruncated, reused.pixelTruncated, f.toString());
			assertArrayEquals(Arrays.copyOfRange(fresh.buf, fresh.pixelOffset, fresh.pixelOffset + fresh.pixelLength),
				Arrays.copyOfRange(reused.buf, reused.pixelOffset, reused.pixelOffset + reused.pixelLength), f.toString());
			assertEquals(Headers.slices(fresh).get(0).position[2], Headers.slices(reused).get(0).position[2], f.toString());
		}
		assertTrue(DicomParser.parse(c, false, holder).pixelTruncated, "the cut file stays truncated though the buffer is longer");
		// a file larger than the buffer gets a new one, left in the holder
		holder[0] = new byte[16];
		DicomParser.parse(b, false, holder);
		assertTrue(holder[0].length >= Files.size(b));
	}

	@Test
	void headerOnlyStopsAtThePixelData(@TempDir final Path tmp) throws IOException {
		// The pixel value is cut off right after the PixelData header: a header-only parse never notices, a full
		// parse and the pixel reader do.
		final Slice s = new Slice(0, randomPixels(5));
		final byte[] whole = Encoding.EXPLICIT_LE.file(s);
		final Path f = tmp.resolve("cut");
		Files.write(f, Arrays.copyOf(whole, whole.length - ROWS * COLS * 2));
		final DicomFile header = DicomParser.parse(f, true);
		assertTrue(header.hasPixelData());
		assertEquals(Headers.slices(DicomParser.parse(Path.of("whole"), whole, false)).get(0).position[2], Headers.slices(header).get(0).position[2]);
		assertThrows(VolumeIOException.class, () -> readFolder(tmp));
	}

	@Test
	void headerOnlyScanOfRealFilesNeverNeedsThePixelData(@TempDir final Path tmp) throws IOException {
		// Property: cutting every real edge-case file right after its PixelData element header changes nothing a
		// header-only scan reports (series, sizes, geometry warnings, notes).
		final Path root = TestData.get("edge_cases");
		final List<Path> files;
		try (Stream<Path> st = Files.walk(root)) {
			files = st.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		int cut = 0;
		for (final Path f : files) {
			final byte[] bytes = Files.readAllBytes(f);
			int end = bytes.length;
			try {
				final DicomFile d = DicomParser.parse(f, false);
				final TransferSyntax ts = TransferSyntax.of(d.transferSyntaxUid());
				if (d.hasPixelData() && (ts == null || !ts.deflated())) {
					final int at = pixelValueStart(d, bytes);
					if (at > 0 && at < end) {
						end = at;
						cut++;
					}
				}
			}
			catch (final VolumeIOException e) {
				// not parseable: copied whole, it must be skipped the same way in both scans
			}
			final Path copy = tmp.resolve(root.relativize(f).toString());
			Files.createDirectories(copy.getParent());
			Files.write(copy, Arrays.copyOf(bytes, end));
		}
		assertTrue(cut > 100, "files cut after their PixelData header: " + cut);
		assertEquals(describe(DicomScanner.scan(root, true, ProgressListener.NONE), root), describe(DicomScanner.scan(tmp, true, ProgressListener.NONE), tmp));
	}

	/** @return where the pixel value starts (native), or where its first item starts (encapsulated); -1 when unsure */
	private static int pixelValueStart(final DicomFile d, final byte[] bytes) {
		if (!d.encapsulated()) return d.pixelOffset;
		if (d.fragments.isEmpty()) return -1;
		final int bot = d.fragments.get(0)[0] - 8 - 8 - 4 * d.basicOffsets.length;
		return bot >= 0 && DicomObject.u16(bytes, bot, false) == 0xFFFE && DicomObject.u16(bytes, bot + 2, false) == 0xE000 ? bot : -1;
	}

	private static String describe(final DicomScan scan, final Path root) {
		final StringBuilder sb = new StringBuilder();
		for (final DicomSeries s : scan.series())
			sb.append(s.key()).append(' ').append(s.sliceCount()).append(' ').append(s.rows()).append('x').append(s.columns()).append(' ')
				.append(s.transferSyntaxes()).append(' ').append(s.warnings()).append('\n');
		sb.append(scan.notes().size()).append(" notes\n");
		for (final String n : scan.notes())
			sb.append(n).append('\n');
		return sb.toString().replace(root.toString(), "<root>");
	}

	@Test
	void encapsulatedFramesFollowTheOffsetTableOrTheFragments() throws IOException {
		final byte[] a = { (byte) 0xFF, (byte) 0xD8, 1, 2 }, b = { 3, 4 }, c = { (byte) 0xFF, (byte) 0xD8, 5, 6, 7, 8 };
		// BOT: frame 1 = a + b, frame 2 = c (offsets from the first fragment's item tag)
		final long second = 8 + a.length + 8 + b.length;
		assertFrames(encapsulated(new long[] { 0, second }, 2, a, b, c), 2, concat(a, b), c);
		// no BOT, one fragment per frame
		assertFrames(encapsulated(new long[0], 2, a, c), 2, a, c);
		// no BOT, single frame in three fragments
		assertFrames(encapsulated(new long[0], 1, a, b, c), 1, concat(a, b, c));
		// no BOT, more fragments than frames: split where a JPEG code stream starts
		assertFrames(encapsulated(new long[0], 2, a, b, c), 2, concat(a, b), c);
		// no BOT, no markers to split at: an error naming the file
		final DicomFile f = encapsulated(new long[0], 2, b, b, b);
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> f.frames(2));
		assertTrue(e.getMessage().contains("encapsulated-test") && e.getMessage().contains("3 pixel data fragments"), e.getMessage());
	}

	private static DicomFile encapsulated(final long[] bot, final int frames, final byte[]... fragments) throws VolumeIOException {
		final Slice s = new Slice(0, null);
		s.extra = b -> b.text(Tags.NUMBER_OF_FRAMES, "IS", String.valueOf(frames)).encapsulated(bot, fragments);
		final byte[] bytes = DicomBytes.part10(TransferSyntax.JPEG_LOSSLESS_70.uid(), dataset(new DicomBytes(true, false), s));
		final DicomFile f = DicomParser.parse(Path.of("encapsulated-test"), bytes, false);
		assertTrue(f.encapsulated());
		return f;
	}

	private static void assertFrames(final DicomFile f, final int n, final byte[]... expected) throws VolumeIOException {
		final List<byte[]> frames = f.frames(n);
		assertEquals(expected.length, frames.size());
		for (int i = 0; i < expected.length; i++)
			assertArrayEquals(expected[i], frames.get(i), "frame " + i);
	}

	private static byte[] concat(final byte[]... parts) {
		final java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
		for (final byte[] p : parts)
			o.write(p, 0, p.length);
		return o.toByteArray();
	}

	@Test
	void aCompressedSyntaxWithoutDecoderNamesTheFileAndTheSyntax(@TempDir final Path tmp) throws IOException {
		TransferSyntax missing = null;
		for (final TransferSyntax t : TransferSyntax.values())
			if (t.encapsulated() && PixelDecoders.forTransferSyntax(t.uid()).isEmpty()) missing = t;
		if (missing == null) return; // every syntax has a decoder: nothing to refuse
		final Slice s = new Slice(0, null);
		s.extra = b -> b.encapsulated(new long[0], new byte[] { (byte) 0xFF, (byte) 0xD8, 0, 0 });
		final Path f = tmp.resolve("nodecoder");
		Files.write(f, DicomBytes.part10(missing.uid(), dataset(new DicomBytes(true, false), s)));
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> readFolder(tmp));
		assertTrue(e.getMessage().contains("nodecoder") && e.getMessage().contains(missing.label()) && e.getMessage().contains(missing.uid()),
			e.getMessage());
	}

	@Test
	void bitsStoredMaskingAndSignExtension(@TempDir final Path tmp) throws IOException {
		// 12-bit signed with overlay bits above HighBit: 0x0FFF = -1, 0x0800 = -2048, 0x07FF = 2047, 0xF001 = 1, 0x1005 = 5
		final short[] raw = new short[ROWS * COLS];
		final short[] words = { 0x0FFF, 0x0800, 0x07FF, (short) 0xF001, 0x1005 };
		final short[] want = { -1, -2048, 2047, 1, 5 };
		for (int i = 0; i < raw.length; i++)
			raw[i] = words[i % words.length];
		final Slice signed12 = new Slice(0, raw);
		signed12.bitsStored = 12;
		final short[] got = plane(write(tmp.resolve("s12"), signed12).stored(), 0);
		for (int i = 0; i < got.length; i++)
			assertEquals(want[i % want.length], got[i], "signed 12-bit pixel " + i);
		// 12-bit unsigned: the top four bits are dropped
		final Slice unsigned12 = new Slice(0, raw);
		unsigned12.bitsStored = 12;
		unsigned12.signed = false;
		final short[] got2 = plane(write(tmp.resolve("u12"), unsigned12).stored(), 0);
		for (int i = 0; i < got2.length; i++)
			assertEquals(raw[i] & 0x0FFF, got2[i], "unsigned 12-bit pixel " + i);
		// 8-bit unsigned and signed, then HU with intercept -1024
		final byte[] bytes = new byte[ROWS * COLS];
		for (int i = 0; i < bytes.length; i++)
			bytes[i] = (byte) (i * 13);
		for (final boolean sign : new boolean[] { false, true }) {
			final Slice s8 = new Slice(0, null);
			s8.pixels8 = bytes;
			s8.bitsAllocated = 8;
			s8.bitsStored = 8;
			s8.signed = sign;
			final StoredVolume v = write(tmp.resolve("b8" + sign), s8);
			assertEquals(!sign, v.unsigned());
			final short[] hu = plane(HounsfieldConverter.toHu(v, HuOptions.DEFAULT, ProgressListener.NONE), 0);
			for (int i = 0; i < bytes.length; i++)
				assertEquals((sign ? bytes[i] : bytes[i] & 0xFF) - 1024, hu[i], (sign ? "signed" : "unsigned") + " 8-bit pixel " + i);
		}
	}

	private static StoredVolume write(final Path dir, final Slice s) throws IOException {
		Files.createDirectories(dir);
		Files.write(dir.resolve("slice"), Encoding.EXPLICIT_LE.file(s));
		return readFolder(dir);
	}

	@Test
	void transferSyntaxTableNamesEveryUid() {
		for (final TransferSyntax t : TransferSyntax.values()) {
			assertEquals(t, TransferSyntax.of(t.uid()));
			assertTrue(TransferSyntax.describe(t.uid()).contains(t.label()));
			assertFalse(t.label().isEmpty());
		}
		assertEquals(null, TransferSyntax.of("1.2.3.4"));
		assertTrue(TransferSyntax.describe("1.2.3.4").contains("unknown transfer syntax 1.2.3.4"));
	}
}
