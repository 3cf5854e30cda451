package org.lungprep.io.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed DICOM data set (or sequence item): elements by tag, values decoded on request from the bytes they were
 * parsed from. Accessors take the type the caller expects, so implicit VR files (where the VR is not stored) decode
 * the same way as explicit ones.
 */
public final class DicomObject {

	/** One element: where its value sits in the buffer, and its items when it is a sequence. */
	static final class Element {
		final int tag;
		final String vr;
		final byte[] buf;
		final int offset;
		final int length;
		final boolean bigEndian;
		final List<DicomObject> items;

		Element(final int tag, final String vr, final byte[] buf, final int offset, final int length, final boolean bigEndian,
			final List<DicomObject> items)
		{
			this.tag = tag;
			this.vr = vr;
			this.buf = buf;
			this.offset = offset;
			this.length = length;
			this.bigEndian = bigEndian;
			this.items = items;
		}
	}

	private final Map<Integer, Element> elements = new HashMap<>();

	void put(final Element e) {
		elements.put(e.tag, e);
	}

	Element element(final int tag) {
		return elements.get(tag);
	}

	/** @return whether the tag is present (possibly empty) */
	public boolean contains(final int tag) {
		return elements.containsKey(tag);
	}

	/** @return the number of elements */
	public int size() {
		return elements.size();
	}

	/** @return the value as text with trailing spaces and NULs removed, or "" when absent */
	public String string(final int tag) {
		final Element e = elements.get(tag);
		if (e == null || e.items != null || e.length == 0) return "";
		int end = e.offset + e.length;
		int start = e.offset;
		while (end > start && (e.buf[end - 1] == 0 || e.buf[end - 1] == ' ')) end--;
		while (start < end && e.buf[start] == ' ') start++;
		return new String(e.buf, start, end - start, StandardCharsets.ISO_8859_1);
	}

	/** @return the decimal or integer string values (DS, IS; backslash-separated), empty when absent or unparsable */
	public double[] decimals(final int tag) {
		final String s = string(tag);
		if (s.isEmpty()) return new double[0];
		final String[] parts = s.split("\\\\");
		final double[] out = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				out[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException ex) {
				return new double[0];
			}
			if (!Double.isFinite(out[i])) return new double[0];
		}
		return out;
	}

	/** @return the first decimal value, or the default when absent or unparsable */
	public double decimal(final int tag, final double dflt) {
		final double[] v = decimals(tag);
		return v.length == 0 ? dflt : v[0];
	}

	/**
	 * @return an unsigned short (US) value, or the default when absent; IS (text) values are accepted too, as some
	 *         writers use the wrong VR
	 */
	public int unsignedShort(final int tag, final int dflt) {
		final Element e = elements.get(tag);
		if (e == null || e.items != null || e.length == 0) return dflt;
		if ("IS".equals(e.vr) || "DS".equals(e.vr)) return (int) decimal(tag, dflt);
		if (e.length < 2) return dflt;
		return u16(e.buf, e.offset, e.bigEndian);
	}

	/** @return a 16-bit value as signed (SS) or unsigned (US) per {@code signed}, or empty when absent */
	public Integer pixelValue(final int tag, final boolean signed) {
		final Element e = elements.get(tag);
		if (e == null || e.items != null || e.length < 2) return null;
		final int v = u16(e.buf, e.offset, e.bigEndian);
		return signed ? (int) (short) v : v;
	}

	/** @return an integer string (IS) value, or the default */
	public int integer(final int tag, final int dflt) {
		final double v = decimal(tag, Double.NaN);
		return Double.isNaN(v) || v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE ? dflt : (int) v;
	}

	/** @return the items of a sequence (empty when absent or not a sequence) */
	public List<DicomObject> items(final int tag) {
		final Element e = elements.get(tag);
		return e == null || e.items == null ? Collections.emptyList() : e.items;
	}

	/** @return the first item of a sequence, or null */
	public DicomObject item(final int tag) {
		final List<DicomObject> items = items(tag);
		return items.isEmpty() ? null : items.get(0);
	}

	/** @return the tags present, sorted */
	public List<Integer> tags() {
		final List<Integer> t = new ArrayList<>(elements.keySet());
		Collections.sort(t);
		return t;
	}

	static int u16(final byte[] b, final int o, final boolean bigEndian) {
		return bigEndian ? (b[o] & 0xff) << 8 | (b[o + 1] & 0xff) : (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
	}

	static long u32(final byte[] b, final int o, final boolean bigEndian) {
		final long v = bigEndian
			? (b[o] & 0xffL) << 24 | (b[o + 1] & 0xffL) << 16 | (b[o + 2] & 0xffL) << 8 | (b[o + 3] & 0xffL)
			: (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
		return v;
	}
}
