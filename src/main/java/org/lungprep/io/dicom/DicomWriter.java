package org.lungprep.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;

import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Writes a HU volume as a CT DICOM series (one Part 10 file per slice, explicit VR little endian, CT Image Storage),
 * encoded the way GE scanners and the tutorial's data are: stored value = HU + 1024 with RescaleIntercept -1024 and
 * slope 1, and raw -2000 (declared as PixelPaddingValue) outside the field of view. Used for the synthetic phantom, so
 * the whole reading path is exercised on files LungPrep did not make in memory.
 * <p>
 * PixelRepresentation is 1 (signed): -2000 is not representable unsigned. Stored values are clamped to int16 (HU
 * above 31743 are stored as 32767). A voxel inside the field of view at exactly -3024 HU (a value some
 * scanners use outside the scan circle) would be stored as -2000 and read back as padding; it is written as -3023 HU
 * instead (one HU, only at that value), so the padding value means exactly "outside the field of view".
 * <p>
 * Geometry: ImagePositionPatient of slice z is the LPS centre of voxel (0, 0, z); ImageOrientationPatient holds the x
 * and y axis directions (Geometry's direction columns 0 and 1); PixelSpacing is "row spacing\column spacing" = y\x;
 * SliceThickness is the z spacing. The z axis must be the normal of the slices (x cross y) or its opposite for a
 * reader to rebuild the same geometry; sheared geometries write what a tilted gantry writes.
 */
public final class DicomWriter {

	private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
	private static final String IMPLEMENTATION_UID = "2.25.218361254139946432155914853108355373057";
	private static final int PADDING = -2000;
	private static final int INTERCEPT = -1024;

	private DicomWriter() { }

	/**
	 * @param hu the volume in HU (x, y, z)
	 * @param outsideFov non-zero where a voxel is outside the scan's field of view (written as padding), or null
	 * @param dir the folder to create and fill (must not exist, or be empty)
	 * @param patientId PatientID and PatientName to write (at most 64 characters; non-ASCII and backslashes become '_')
	 * @param description SeriesDescription to write (same rules)
	 * @throws IOException when writing fails or {@code dir} holds files
	 * @throws IllegalArgumentException when the mask's dimensions differ from the volume's
	 */
	public static void writeSeries(final Volume<ShortType> hu, final Volume<UnsignedByteType> outsideFov, final Path dir, final String patientId,
		final String description) throws IOException
	{
		if (outsideFov != null && !java.util.Arrays.equals(hu.dimensions(), outsideFov.dimensions()))
			throw new IllegalArgumentException("field-of-view mask " + java.util.Arrays.toString(outsideFov.dimensions()) + " differs from the volume "
				+ java.util.Arrays.toString(hu.dimensions()));
		if (hu.size(0) > 65535 || hu.size(1) > 65535) throw new IllegalArgumentException("DICOM slices hold at most 65535 x 65535 pixels, not " + hu.size(0) + " x " + hu.size(1));
		if (Files.isDirectory(dir)) {
			try (java.util.stream.Stream<Path> s = Files.list(dir)) {
				if (s.findAny().isPresent()) throw new IOException(dir + ": folder is not empty (a series is written into a new or empty folder)");
			}
		}
		Files.createDirectories(dir);
		final org.lungprep.io.RawVolumes.Planes img = new org.lungprep.io.RawVolumes.Planes(hu.image());
		final org.lungprep.io.RawVolumes.Planes fov = outsideFov == null ? null : new org.lungprep.io.RawVolumes.Planes(outsideFov.image());
		final int nx = hu.size(0), ny = hu.size(1), nz = hu.size(2);
		final Geometry g = hu.geometry();
		final double[] d = g.direction();
		final String study = uid(), series = uid(), frame = uid();
		final java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
		final String date = String.format(Locale.ROOT, "%04d%02d%02d", now.getYear(), now.getMonthValue(), now.getDayOfMonth());
		final String time = String.format(Locale.ROOT, "%02d%02d%02d", now.getHour(), now.getMinute(), now.getSecond());
		final String pid = clean(patientId), desc = clean(description);
		// the slice normal (x cross y): SliceLocation is the position along it, as scanners write it
		final double[] normal = { d[3] * d[7] - d[6] * d[4], d[6] * d[1] - d[0] * d[7], d[0] * d[4] - d[3] * d[1] };
		final ByteBuffer px = ByteBuffer.allocate(nx * ny * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int z = 0; z < nz; z++) {
			final short[] src = (short[]) img.plane(z);
			final byte[] out = fov == null ? null : (byte[]) fov.plane(z);
			px.clear();
			for (int i = 0; i < src.length; i++)
				px.putShort(out != null && out[i] != 0 ? (short) PADDING : stored(src[i]));
			final double[] pos = g.toPhysical(new double[] { 0, 0, z });
			final String sop = uid();
			final Writer w = new Writer();
			w.string(0x00080008, "CS", "DERIVED\\SECONDARY\\AXIAL");
			w.string(0x00080016, "UI", CT_IMAGE_STORAGE);
			w.string(0x00080018, "UI", sop);
			w.string(0x00080020, "DA", date);
			w.string(0x00080030, "TM", time);
			w.string(0x00080050, "SH", "");
			w.string(0x00080060, "CS", "CT");
			w.string(0x00080070, "LO", "LungPrep");
			w.string(0x00080090, "PN", "");
			w.string(0x0008103E, "LO", desc);
			w.string(0x00100010, "PN", pid);
			w.string(0x00100020, "LO", pid);
			w.string(0x00100030, "DA", "");
			w.string(0x00100040, "CS", "O");
			w.string(0x00180050, "DS", ds(g.spacing(2)));
			w.string(0x00180060, "DS", "");
			w.string(0x00185100, "CS", "HFS");
			w.string(0x0020000D, "UI", study);
			w.string(0x0020000E, "UI", series);
			w.string(0x00200010, "SH", "1");
			w.string(0x00200011, "IS", "1");
			w.string(0x00200012, "IS", "1");
			w.string(0x00200013, "IS", Integer.toString(z + 1));
			w.string(0x00200032, "DS", ds(pos[0]) + "\\" + ds(pos[1]) + "\\" + ds(pos[2]));
			w.string(0x00200037, "DS", ds(d[0]) + "\\" + ds(d[3]) + "\\" + ds(d[6]) + "\\" + ds(d[1]) + "\\" + ds(d[4]) + "\\" + ds(d[7]));
			w.string(0x00200052, "UI", frame);
			w.string(0x00201040, "LO", "");
			w.string(0x00201041, "DS", ds(pos[0] * normal[0] + pos[1] * normal[1] + pos[2] * normal[2]));
			w.us(0x00280002, 1);
			w.string(0x00280004, "CS", "MONOCHROME2");
			w.us(0x00280010, ny);
			w.us(0x00280011, nx);
			w.string(0x00280030, "DS", ds(g.spacing(1)) + "\\" + ds(g.spacing(0)));
			w.us(0x00280100, 16);
			w.us(0x00280101, 16);
			w.us(0x00280102, 15);
			w.us(0x00280103, 1);
			w.ss(0x00280120, PADDING);
			// a lung window, so viewers open the series readably
			w.string(0x00281050, "DS", "-600");
			w.string(0x00281051, "DS", "1500");
			w.string(0x00281052, "DS", Integer.toString(INTERCEPT));
			w.string(0x00281053, "DS", "1");
			w.string(0x00281054, "LO", "HU");
			w.bytes(0x7FE00010, "OW", px.array());
			Files.write(dir.resolve(String.format(Locale.ROOT, "slice%04d.dcm", z + 1)), fileBytes(sop, w.toByteArray()));
		}
	}

	/** @return the stored value of a HU value inside the field of view (never the padding value) */
	static short stored(final short hu) {
		final int raw = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, hu - INTERCEPT));
		return (short) (raw == PADDING ? PADDING + 1 : raw);
	}

	/** @return the text as DICOM's default repertoire allows in LO/PN: ASCII, no backslash, at most 64 characters */
	private static String clean(final String s) {
		final StringBuilder sb = new StringBuilder();
		for (final char c : (s == null ? "" : s).toCharArray())
			sb.append(c >= 0x20 && c < 0x7f && c != '\\' ? c : '_');
		return sb.length() > 64 ? sb.substring(0, 64) : sb.toString();
	}

	private static byte[] fileBytes(final String sop, final byte[] dataset) {
		final Writer meta = new Writer();
		meta.bytes(0x00020001, "OB", new byte[] { 0, 1 });
		meta.string(0x00020002, "UI", CT_IMAGE_STORAGE);
		meta.string(0x00020003, "UI", sop);
		meta.string(0x00020010, "UI", TransferSyntax.EXPLICIT_LE.uid());
		meta.string(0x00020012, "UI", IMPLEMENTATION_UID);
		meta.string(0x00020013, "SH", "LUNGPREP");
		final byte[] m = meta.toByteArray();
		final Writer head = new Writer();
		head.ul(0x00020000, m.length);
		final byte[] h = head.toByteArray();
		final ByteBuffer b = ByteBuffer.allocate(132 + h.length + m.length + dataset.length);
		b.position(128);
		b.put("DICM".getBytes(StandardCharsets.US_ASCII)).put(h).put(m).put(dataset);
		return b.array();
	}

	/** @return a new UID under the 2.25 root (a UUID as a decimal integer, PS3.5 B.2) */
	static String uid() {
		final UUID u = UUID.randomUUID();
		final BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
		return "2.25." + v;
	}

	/** @return a decimal string of at most 16 characters */
	static String ds(final double v) {
		for (int digits = 10; digits >= 1; digits--) {
			String s = String.format(Locale.ROOT, "%." + digits + "f", v);
			if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
			if (s.equals("-0")) s = "0";
			if (s.length() <= 16) return s;
		}
		return String.format(Locale.ROOT, "%.6g", v);
	}

	/** Explicit VR little endian element writer. */
	private static final class Writer {
		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		void string(final int tag, final String vr, final String value) {
			byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
			if ((v.length & 1) == 1) {
				v = java.util.Arrays.copyOf(v, v.length + 1);
				v[v.length - 1] = "UI".equals(vr) ? 0 : (byte) ' ';
			}
			header(tag, vr, v.length);
			out.write(v, 0, v.length);
		}

		void us(final int tag, final int value) {
			header(tag, "US", 2);
			out.write(value & 0xff);
			out.write(value >>> 8 & 0xff);
		}

		void ss(final int tag, final int value) {
			header(tag, "SS", 2);
			out.write(value & 0xff);
			out.write(value >>> 8 & 0xff);
		}

		void ul(final int tag, final int value) {
			header(tag, "UL", 4);
			for (int i = 0; i < 4; i++)
				out.write(value >>> 8 * i & 0xff);
		}

		void bytes(final int tag, final String vr, final byte[] v) {
			header(tag, vr, v.length);
			out.write(v, 0, v.length);
		}

		private void header(final int tag, final String vr, final int length) {
			final ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
			b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
			if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) b.putShort((short) 0).putInt(length);
			else b.putShort((short) length);
			out.write(b.array(), 0, b.position());
		}

		byte[] toByteArray() {
			return out.toByteArray();
		}
	}
}
