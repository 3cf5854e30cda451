package org.lungprep.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.lungprep.core.VolumeIOException;

/**
 * Parses DICOM files: Part 10 files with preamble and file meta group, and bare data sets without them; explicit VR
 * little endian, implicit VR little endian, explicit VR big endian and deflated explicit VR little endian; sequences
 * and items of defined and undefined length; encapsulated pixel data.
 * <p>
 * Every length is checked against the bytes that exist, so a corrupt length fails with a {@link VolumeIOException}
 * naming the file and the element instead of allocating memory for it. Tolerated like real readers do: a missing
 * transfer syntax (guessed from the data set's first bytes), an invalid VR in an explicit VR file (the element is
 * read as implicit), UN elements of undefined length (read as implicit VR sequences), odd lengths.
 * <p>
 * In header-only mode the parser stops at the PixelData element and reads only the first part of a file.
 */
public final class DicomParser {

	private static final long UNDEFINED = 0xFFFFFFFFL;
	private static final int HEAD_BYTES = 16 * 1024;
	private static final int MAX_DEPTH = 32;
	private static final long MAX_INFLATED = 1L << 30;
	private static final Set<String> VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
		"OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");
	private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

	private DicomParser() { }

	/** Thrown internally when a header-only read needs more of the file than was read. */
	private static final class NeedMore extends Exception {
		private static final long serialVersionUID = 1L;

		NeedMore() {
			super(null, null, false, false);
		}
	}

	/**
	 * @param file the file
	 * @param headerOnly stop at the pixel data (and read only what the header needs)
	 * @return the parsed file
	 * @throws VolumeIOException when the file cannot be read or is not valid DICOM
	 */
	public static DicomFile parse(final Path file, final boolean headerOnly) throws VolumeIOException {
		return parse(file, headerOnly, null);
	}

	/**
	 * Parses into a reused buffer: the file is read into {@code reuse[0]} when that is large enough, else into a new
	 * array that is left in {@code reuse[0]} for the next call. The returned file reads its values from that buffer, so
	 * it is valid only until the next call with the same holder (a reader of many slices keeps one holder per thread
	 * instead of a new array per file).
	 *
	 * @param file the file
	 * @param headerOnly stop at the pixel data (and read only what the header needs)
	 * @param reuse a one-element holder of the buffer to reuse, or null for a new buffer
	 * @return the parsed file
	 * @throws VolumeIOException when the file cannot be read or is not valid DICOM
	 */
	public static DicomFile parse(final Path file, final boolean headerOnly, final byte[][] reuse) throws VolumeIOException {
		final long size;
		try {
			size = Files.size(file);
		}
		catch (final IOException e) {
			throw new VolumeIOException(file, "cannot read: " + e.getMessage(), e);
		}
		if (size > Integer.MAX_VALUE - 64) throw new VolumeIOException(file, "file of " + size + " bytes is too large for a DICOM image");
		if (size < 8) throw new VolumeIOException(file, "not a DICOM file (" + size + " bytes)");
		int want = headerOnly ? (int) Math.min(size, HEAD_BYTES) : (int) size;
		while (true) {
			final byte[] buf = read(file, want, reuse);
			try {
				return new Reader(file, buf, want, want == size, headerOnly).parse();
			}
			catch (final NeedMore e) {
				if (want >= size) throw new VolumeIOException(file, "truncated");
				want = (int) Math.min(size, (long) want * 4);
			}
			catch (final RuntimeException e) {
				throw corrupt(file, e);
			}
		}
	}

	/**
	 * Parses a file already in memory (used by tests and by the fuzz test).
	 *
	 * @param file the name used in messages
	 * @param bytes the whole file
	 * @param headerOnly stop at the pixel data
	 * @return the parsed file
	 * @throws VolumeIOException when the bytes are not valid DICOM
	 */
	public static DicomFile parse(final Path file, final byte[] bytes, final boolean headerOnly) throws VolumeIOException {
		try {
			return new Reader(file, bytes, bytes.length, true, headerOnly).parse();
		}
		catch (final NeedMore e) {
			throw new VolumeIOException(file, "truncated");
		}
		catch (final RuntimeException e) {
			throw corrupt(file, e);
		}
	}

	/** A value the checks above did not anticipate still ends as the project's own I/O error, naming the file. */
	private static VolumeIOException corrupt(final Path file, final RuntimeException e) {
		return new VolumeIOException(file, "corrupt DICOM (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
	}

	private static byte[] read(final Path file, final int n, final byte[][] reuse) throws VolumeIOException {
		final byte[] buf = reuse != null && reuse[0] != null && reuse[0].length >= n ? reuse[0] : new byte[n];
		if (reuse != null) reuse[0] = buf;
		try (InputStream in = Files.newInputStream(file)) {
			int o = 0;
			while (o < n) {
				final int r = in.read(buf, o, n - o);
				if (r < 0) break;
				o += r;
			}
			if (o < n) throw new VolumeIOException(file, "file shrank while being read");
		}
		catch (final IOException e) {
			if (e instanceof VolumeIOException) throw (VolumeIOException) e;
			throw new VolumeIOException(file, "cannot read: " + e.getMessage(), e);
		}
		return buf;
	}

	/** The parse of one buffer. */
	private static final class Reader {
		private final Path file;
		private byte[] buf;
		private int limit;
		private final boolean complete;
		private final boolean headerOnly;
		private boolean bigEndian;
		private boolean explicit = true;
		private boolean stop;
		private boolean pixelPresent;
		private int pixelOffset = -1;
		private int pixelLength;
		private boolean pixelTruncated;
		private long[] bot = new long[0];
		private List<int[]> fragments;

		Reader(final Path file, final byte[] buf, final int limit, final boolean complete, final boolean headerOnly) {
			this.file = file;
			this.buf = buf;
			this.limit = limit;
			this.complete = complete;
			this.headerOnly = headerOnly;
		}

		DicomFile parse() throws VolumeIOException, NeedMore {
			int pos = 0;
			if (limit >= 132 && buf[128] == 'D' && buf[129] == 'I' && buf[130] == 'C' && buf[131] == 'M') pos = 132;
			final DicomObject meta = new DicomObject();
			// The file meta group is always explicit VR little endian.
			while (pos + 8 <= limit && DicomObject.u16(buf, pos, false) == 0x0002) {
				bigEndian = false;
				explicit = true;
				pos = element(meta, pos, 0);
			}
			if (pos + 8 > limit && !complete) throw new NeedMore();
			String ts = meta.string(Tags.TRANSFER_SYNTAX);
			final TransferSyntax known = TransferSyntax.of(ts);
			if (known != null && known.deflated()) {
				if (!complete) throw new NeedMore();
				inflate(pos);
				pos = 0;
			}
			if (known != null) {
				explicit = known.explicitVr();
				bigEndian = known.bigEndian();
			}
			else {
				if (pos + 8 > limit) throw new VolumeIOException(file, "not a DICOM file (no data set)");
				guessEncoding(pos);
				if (ts.isEmpty()) ts = (explicit ? (bigEndian ? TransferSyntax.EXPLICIT_BE : TransferSyntax.EXPLICIT_LE) : TransferSyntax.IMPLICIT_LE).uid();
			}
			if (pos == 0 && !looksLikeDataSet(0)) throw new VolumeIOException(file, "not a DICOM file");
			final DicomObject ds = new DicomObject();
			dataset(ds, pos, limit, false, 0);
			if (ds.size() == 0) throw new VolumeIOException(file, "not a DICOM file (empty data set)");
			// keep the media storage SOP class for files whose data set lacks one (e.g. empty SOPClassUID)
			if (ds.string(Tags.SOP_CLASS).isEmpty() && !meta.string(Tags.MEDIA_SOP_CLASS).isEmpty()) ds.put(meta.element(Tags.MEDIA_SOP_CLASS));
			return new DicomFile(file, ts, ds, pixelPresent, buf, pixelOffset, pixelLength, pixelTruncated, bot, fragments);
		}

		private boolean looksLikeDataSet(final int pos) {
			final int group = DicomObject.u16(buf, pos, bigEndian);
			return group >= 0x0002 && group <= 0x0010 || group == 0x0018 || group == 0x0020 || group == 0x0028;
		}

		private void guessEncoding(final int pos) {
			final int le = DicomObject.u16(buf, pos, false);
			final int be = DicomObject.u16(buf, pos, true);
			bigEndian = le > 0x00FF && be <= 0x00FF;
			final String vr = vrAt(pos + 4);
			explicit = vr != null;
		}

		private String vrAt(final int p) {
			if (p + 2 > limit) return null;
			final int a = buf[p], b = buf[p + 1];
			if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return null;
			final String vr = new String(new char[] { (char) a, (char) b });
			return VRS.contains(vr) ? vr : null;
		}

		private void inflate(final int pos) throws VolumeIOException {
			final Inflater inf = new Inflater(true);
			try {
				inf.setInput(buf, pos, limit - pos);
				byte[] out = new byte[Math.max(1024, (limit - pos) * 4)];
				int n = 0;
				while (!inf.finished()) {
					if (n == out.length) {
						if (out.length >= MAX_INFLATED) throw new VolumeIOException(file, "deflated data set inflates beyond " + MAX_INFLATED + " bytes");
						out = java.util.Arrays.copyOf(out, (int) Math.min(MAX_INFLATED, out.length * 2L));
					}
					final int r = inf.inflate(out, n, out.length - n);
					if (r == 0 && (inf.needsInput() || inf.needsDictionary())) break;
					n += r;
				}
				buf = out;
				limit = n;
			}
			catch (final DataFormatException e) {
				throw new VolumeIOException(file, "corrupt deflated data set: " + e.getMessage(), e);
			}
			finally {
				inf.end();
			}
		}

		/** Parses elements from pos until end, or until an item delimitation when inItem; returns the position after. */
		private int dataset(final DicomObject obj, int pos, final int end, final boolean undefinedItem, final int depth) throws VolumeIOException, NeedMore {
			while (pos < end && !stop) {
				if (pos + 8 > limit) {
					if (!complete) throw new NeedMore();
					if (undefinedItem || pos + 8 > end) throw truncated(pos, "element header");
				}
				final int tag = tagAt(pos);
				if (tag == Tags.ITEM_DELIMITATION) {
					if (undefinedItem) return pos + 8;
					pos += 8;
					continue;
				}
				if (tag == Tags.SEQUENCE_DELIMITATION && !undefinedItem) {
					pos += 8;
					continue;
				}
				pos = element(obj, pos, depth);
			}
			if (undefinedItem && !stop) {
				if (!complete) throw new NeedMore();
				throw truncated(pos, "item without delimitation");
			}
			return pos;
		}

		private int tagAt(final int pos) {
			return DicomObject.u16(buf, pos, bigEndian) << 16 | DicomObject.u16(buf, pos + 2, bigEndian);
		}

		/** Parses one element at pos into obj; returns the position after it. */
		private int element(final DicomObject obj, final int pos, final int depth) throws VolumeIOException, NeedMore {
			need(pos, 8, "element header");
			final int tag = tagAt(pos);
			String vr = null;
			long length;
			int header;
			if (explicit && (tag >>> 16) != 0xFFFE) vr = vrAt(pos + 4);
			if (vr != null) {
				if (LONG_VRS.contains(vr)) {
					need(pos, 12, "element header");
					length = DicomObject.u32(buf, pos + 8, bigEndian);
					header = 12;
				}
				else {
					length = DicomObject.u16(buf, pos + 6, bigEndian);
					header = 8;
				}
			}
			else {
				length = DicomObject.u32(buf, pos + 4, bigEndian);
				header = 8;
				vr = Tags.isKnownSequence(tag) ? "SQ" : tag == Tags.PIXEL_DATA ? "OW" : "UN";
			}
			final int value = pos + header;
			if (tag == Tags.PIXEL_DATA) return pixelData(obj, tag, vr, value, length, depth);
			if ("SQ".equals(vr) || length == UNDEFINED) {
				// UN of undefined length holds an implicit VR little endian sequence (PS3.5 6.2.2)
				final boolean wasExplicit = explicit, wasBig = bigEndian;
				if ("UN".equals(vr)) {
					explicit = false;
					bigEndian = false;
				}
				final List<DicomObject> items = new ArrayList<>();
				final int after = items(items, value, length, depth + 1);
				explicit = wasExplicit;
				bigEndian = wasBig;
				obj.put(new DicomObject.Element(tag, "SQ", buf, value, 0, bigEndian, items));
				return after;
			}
			if (value + length > limit) {
				if (!complete) throw new NeedMore();
				throw truncated(pos, "value of " + length + " bytes of " + Tags.toString(tag));
			}
			obj.put(new DicomObject.Element(tag, vr, buf, value, (int) length, bigEndian, null));
			return value + (int) length;
		}

		private int items(final List<DicomObject> items, int pos, final long length, final int depth) throws VolumeIOException, NeedMore {
			if (depth > MAX_DEPTH) throw new VolumeIOException(file, "sequences nested deeper than " + MAX_DEPTH);
			final long end = length == UNDEFINED ? Long.MAX_VALUE : pos + length;
			if (length != UNDEFINED && end > limit) {
				if (!complete) throw new NeedMore();
				throw truncated(pos, "sequence of " + length + " bytes");
			}
			while (pos < end && !stop) {
				need(pos, 8, "sequence item");
				final int tag = tagAt(pos);
				final long itemLength = DicomObject.u32(buf, pos + 4, bigEndian);
				if (tag == Tags.SEQUENCE_DELIMITATION) return pos + 8;
				if (tag != Tags.ITEM) throw new VolumeIOException(file, "expected a sequence item at byte " + pos + ", found " + Tags.toString(tag));
				final DicomObject item = new DicomObject();
				if (itemLength == UNDEFINED) pos = dataset(item, pos + 8, limit, true, depth);
				else {
					final long itemEnd = pos + 8 + itemLength;
					if (itemEnd > end || itemEnd > limit) {
						if (!complete) throw new NeedMore();
						throw truncated(pos, "item of " + itemLength + " bytes");
					}
					dataset(item, pos + 8, (int) itemEnd, false, depth);
					pos = (int) itemEnd;
				}
				items.add(item);
			}
			if (length == UNDEFINED && !stop) {
				if (!complete) throw new NeedMore();
				throw truncated(pos, "sequence without delimitation");
			}
			return pos;
		}

		private int pixelData(final DicomObject obj, final int tag, final String vr, final int value, final long length, final int depth)
			throws VolumeIOException, NeedMore
		{
			if (depth > 0) {
				// pixel data inside a sequence item (icons): skip
				if (length == UNDEFINED) return fragmentsEnd(value, null);
				need(value, (int) Math.min(length, Integer.MAX_VALUE), "icon pixel data");
				return value + (int) length;
			}
			pixelPresent = true;
			obj.put(new DicomObject.Element(tag, vr, buf, value, 0, bigEndian, null));
			if (headerOnly) {
				stop = true;
				return limit;
			}
			if (length == UNDEFINED) {
				fragments = new ArrayList<>();
				return fragmentsEnd(value, fragments);
			}
			pixelOffset = value;
			if (value + length > limit) {
				pixelTruncated = true;
				pixelLength = limit - value;
				return limit;
			}
			pixelLength = (int) length;
			return value + (int) length;
		}

		/** Reads encapsulated fragments (first item = basic offset table); returns the position after the delimiter. */
		private int fragmentsEnd(int pos, final List<int[]> out) throws VolumeIOException {
			boolean first = true;
			final int start = pos;
			while (true) {
				if (pos + 8 > limit) throw truncated(pos, "encapsulated pixel data");
				final int tag = tagAt(pos);
				final long len = DicomObject.u32(buf, pos + 4, bigEndian);
				if (tag == Tags.SEQUENCE_DELIMITATION) return pos + 8;
				if (tag != Tags.ITEM) throw new VolumeIOException(file, "expected a pixel data fragment at byte " + pos + ", found " + Tags.toString(tag));
				if (len == UNDEFINED || pos + 8 + len > limit) throw truncated(pos, "pixel data fragment of " + len + " bytes");
				if (out != null) {
					if (first) {
						final int n = (int) (len / 4);
						bot = new long[n];
						for (int i = 0; i < n; i++)
							bot[i] = DicomObject.u32(buf, pos + 8 + 4 * i, bigEndian);
					}
					else out.add(new int[] { pos + 8, (int) len, (int) (pos - firstFragment(start)) });
				}
				first = false;
				pos += 8 + (int) len;
			}
		}

		/** @return the position of the first fragment item after the basic offset table item at start */
		private int firstFragment(final int start) {
			return start + 8 + (int) DicomObject.u32(buf, start + 4, bigEndian);
		}

		private void need(final int pos, final int n, final String what) throws VolumeIOException, NeedMore {
			if (pos + (long) n > limit) {
				if (!complete) throw new NeedMore();
				throw truncated(pos, what);
			}
		}

		private VolumeIOException truncated(final int pos, final String what) {
			return new VolumeIOException(file, "truncated or corrupt at byte " + pos + " (" + what + "; the file has " + limit + " bytes)");
		}
	}
}
