package org.lungprep.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Writes small synthetic DICOM byte streams for parser tests, element by element, in any of the uncompressed
 * encodings (explicit/implicit VR, little/big endian). Written from PS3.5 section 7 (data elements) and 7.5 (nesting),
 * so the tests check the parser against the standard rather than against files it already reads.
 */
final class DicomBytes {

	private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
	static final long UNDEFINED = 0xFFFFFFFFL;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	final boolean explicit;
	final boolean big;

	DicomBytes(final boolean explicit, final boolean big) {
		this.explicit = explicit;
		this.big = big;
	}

	/** @return a new writer in the same encoding (for nested items) */
	DicomBytes same() {
		return new DicomBytes(explicit, big);
	}

	byte[] bytes() {
		return out.toByteArray();
	}

	DicomBytes u16(final int v) {
		if (big) {
			out.write(v >>> 8);
			out.write(v);
		}
		else {
			out.write(v);
			out.write(v >>> 8);
		}
		return this;
	}

	DicomBytes u32(final long v) {
		if (big) {
			u16((int) (v >>> 16));
			u16((int) v);
		}
		else {
			u16((int) v);
			u16((int) (v >>> 16));
		}
		return this;
	}

	DicomBytes raw(final byte[] b) {
		out.write(b, 0, b.length);
		return this;
	}

	/** An element header in this writer's encoding; item tags (FFFE,xxxx) never carry a VR. */
	DicomBytes header(final int tag, final String vr, final long length) {
		u16(tag >>> 16).u16(tag & 0xFFFF);
		if (explicit && (tag >>> 16) != 0xFFFE) {
			out.write(vr.charAt(0));
			out.write(vr.charAt(1));
			if (LONG_VRS.contains(vr)) u16(0).u32(length);
			else u16((int) length);
		}
		else u32(length);
		return this;
	}

	/** An element with its value (padded to even length with the VR's padding byte). */
	DicomBytes element(final int tag, final String vr, final byte[] value) {
		byte[] v = value;
		if (v.length % 2 == 1) {
			v = java.util.Arrays.copyOf(value, value.length + 1);
			v[value.length] = (byte) ("UI".equals(vr) || "OB".equals(vr) || "UN".equals(vr) ? 0 : ' ');
		}
		return header(tag, vr, v.length).raw(v);
	}

	DicomBytes text(final int tag, final String vr, final String s) {
		return element(tag, vr, s.getBytes(StandardCharsets.ISO_8859_1));
	}

	DicomBytes us(final int tag, final int v) {
		final DicomBytes b = same();
		b.u16(v);
		return element(tag, "US", b.bytes());
	}

	/** 16-bit pixel words in this writer's byte order. */
	DicomBytes pixels16(final int tag, final short[] px) {
		final DicomBytes b = same();
		for (final short p : px)
			b.u16(p & 0xFFFF);
		return element(tag, "OW", b.bytes());
	}

	/** A sequence of items; each item's data set is given as bytes in this writer's encoding. */
	DicomBytes sequence(final int tag, final boolean undefinedSequence, final boolean undefinedItems, final byte[]... items) {
		final DicomBytes body = same();
		for (final byte[] item : items) {
			body.header(Tags.ITEM, null, undefinedItems ? UNDEFINED : item.length).raw(item);
			if (undefinedItems) body.header(Tags.ITEM_DELIMITATION, null, 0);
		}
		if (undefinedSequence) body.header(Tags.SEQUENCE_DELIMITATION, null, 0);
		final byte[] b = body.bytes();
		return header(tag, "SQ", undefinedSequence ? UNDEFINED : b.length).raw(b);
	}

	/** Encapsulated pixel data: a basic offset table (may be empty) and the fragments. */
	DicomBytes encapsulated(final long[] offsetTable, final byte[]... fragments) {
		header(Tags.PIXEL_DATA, "OB", UNDEFINED);
		header(Tags.ITEM, null, 4L * offsetTable.length);
		for (final long o : offsetTable)
			u32(o);
		for (final byte[] f : fragments)
			header(Tags.ITEM, null, f.length).raw(f);
		return header(Tags.SEQUENCE_DELIMITATION, null, 0);
	}

	/** A Part 10 file: 128-byte preamble, "DICM", the file meta group (always explicit VR LE), then the data set. */
	static byte[] part10(final String transferSyntax, final byte[] dataset) {
		final DicomBytes meta = new DicomBytes(true, false);
		meta.element(0x00020001, "OB", new byte[] { 0, 1 });
		meta.text(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.2");
		meta.text(0x00020003, "UI", "1.2.3.4.5");
		meta.text(Tags.TRANSFER_SYNTAX, "UI", transferSyntax);
		final byte[] m = meta.bytes();
		final DicomBytes file = new DicomBytes(true, false);
		file.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
		file.header(0x00020000, "UL", 4).u32(m.length).raw(m);
		file.raw(dataset);
		return file.bytes();
	}

	/** A raw deflate (no zlib wrapper) of the data set, as PS3.5 A.5 asks. */
	static byte[] deflate(final byte[] dataset) {
		final Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
		d.setInput(dataset);
		d.finish();
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final byte[] chunk = new byte[4096];
		while (!d.finished())
			o.write(chunk, 0, d.deflate(chunk));
		d.end();
		return o.toByteArray();
	}
}
