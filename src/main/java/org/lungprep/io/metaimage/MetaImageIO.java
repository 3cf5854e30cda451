package org.lungprep.io.metaimage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.RawVolumes;
import org.lungprep.io.RawVolumes.Element;

/**
 * MetaImage, the LUNA16 format: {@code .mhd} with a separate {@code .raw} (or zlib-compressed {@code .zraw},
 * {@code CompressedData = True}), or {@code .mha} with the data inline ({@code ElementDataFile = LOCAL}).
 * <p>
 * MetaImage physical space is LPS, like DICOM and LungPrep, so nothing is flipped:
 * <ul>
 * <li>{@code Offset} (or {@code Position}/{@code Origin}) is the centre of the first voxel = {@code Geometry.origin};</li>
 * <li>{@code ElementSpacing} (or {@code ElementSize}) is x y z = {@code Geometry.spacing};</li>
 * <li>{@code TransformMatrix} (or {@code Rotation}/{@code Orientation}) holds nine numbers in three groups, group i
 * being the LPS unit vector of image axis i (ITK's MetaImageIO reads group i into {@code SetDirection(i, ...)}, i.e.
 * column i of ITK's direction matrix). LungPrep's direction is row-major with the axes as columns, so
 * {@code direction[r * 3 + i] = TransformMatrix[i * 3 + r]}: the matrix is written transposed.</li>
 * <li>{@code AnatomicalOrientation} is redundant with TransformMatrix; it is ignored on reading (as ITK does) and
 * written from the direction (ITK's "from" letters: RAI for the identity).</li>
 * </ul>
 * Element types MET_UCHAR, MET_CHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT, MET_DOUBLE are read in either
 * byte order ({@code ElementByteOrderMSB}/{@code BinaryDataByteOrderMSB}), with {@code HeaderSize} (bytes to skip in the
 * data file, -1 = the data are at its end); the value policy is {@link RawVolumes}' (MET_USHORT CT values become int16).
 * int16, uint8 and float32 volumes are written as MET_SHORT, MET_UCHAR and MET_FLOAT, little endian.
 */
public final class MetaImageIO {

	private static final Map<String, Element> TYPES = new LinkedHashMap<>();
	static {
		TYPES.put("MET_UCHAR", Element.UINT8);
		TYPES.put("MET_CHAR", Element.INT8);
		TYPES.put("MET_SHORT", Element.INT16);
		TYPES.put("MET_USHORT", Element.UINT16);
		TYPES.put("MET_INT", Element.INT32);
		TYPES.put("MET_UINT", Element.UINT32);
		TYPES.put("MET_FLOAT", Element.FLOAT32);
		TYPES.put("MET_DOUBLE", Element.FLOAT64);
	}

	/** A header is a few hundred bytes; more than this without an ElementDataFile line is not a header. */
	private static final int MAX_HEADER = 1 << 16;

	private MetaImageIO() { }

	/**
	 * @param file the .mhd or .mha file
	 * @return the volume (ShortType, UnsignedByteType or FloatType)
	 * @throws VolumeIOException naming the file and what is wrong
	 */
	public static Volume<?> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new VolumeIOException(file, "no such file");
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			final Map<String, String> h = new LinkedHashMap<>();
			final long headerBytes = readHeader(in, file, h);
			final String dataFile = h.get("ElementDataFile");
			if (!"3".equals(h.getOrDefault("NDims", "3"))) throw new VolumeIOException(file, "NDims " + h.get("NDims") + " (LungPrep reads 3-D volumes)");
			final long[] dims = longs(file, h, "DimSize", 3);
			final Element type = TYPES.get(h.getOrDefault("ElementType", ""));
			if (type == null) throw new VolumeIOException(file, "ElementType '" + h.get("ElementType") + "' is not supported (MET_SHORT, MET_UCHAR, MET_FLOAT, ...)");
			final int planeBytes = RawVolumes.planeBytes(file, type, dims[0], dims[1], dims[2]);
			if (!"1".equals(h.getOrDefault("ElementNumberOfChannels", "1"))) throw new VolumeIOException(file, "more than one channel per voxel");
			final double[] spacing = doubles(file, h, h.containsKey("ElementSpacing") ? "ElementSpacing" : "ElementSize", 3, new double[] { 1, 1, 1 });
			for (final double s : spacing)
				if (!(s > 0)) throw new VolumeIOException(file, "ElementSpacing " + h.get("ElementSpacing") + " must be positive");
			final String originKey = h.containsKey("Offset") ? "Offset" : h.containsKey("Position") ? "Position" : "Origin";
			final double[] origin = doubles(file, h, originKey, 3, new double[3]);
			final String tmKey = h.containsKey("TransformMatrix") ? "TransformMatrix" : h.containsKey("Rotation") ? "Rotation" : "Orientation";
			final double[] tm = doubles(file, h, tmKey, 9, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
			final double[] direction = new double[9];
			for (int axis = 0; axis < 3; axis++)
				for (int r = 0; r < 3; r++)
					direction[r * 3 + axis] = tm[axis * 3 + r];
			// the matrix gives directions only: unit columns (normalised if a writer rounded), not collinear
			for (int axis = 0; axis < 3; axis++) {
				final double n = Math.sqrt(direction[axis] * direction[axis] + direction[3 + axis] * direction[3 + axis] + direction[6 + axis] * direction[6 + axis]);
				if (n < 1e-6) throw new VolumeIOException(file, tmKey + " '" + abbreviate(h.get(tmKey)) + "' gives axis " + axis + " no direction");
				for (int r = 0; r < 3; r++)
					direction[r * 3 + axis] /= n;
			}
			if (Math.abs(det(direction)) < 1e-3) throw new VolumeIOException(file, tmKey + " '" + abbreviate(h.get(tmKey)) + "' has (nearly) parallel axes");
			final Geometry g = new Geometry(spacing, origin, direction);
			final boolean msb = bool(h.getOrDefault("ElementByteOrderMSB", h.getOrDefault("BinaryDataByteOrderMSB", "False")));
			final boolean compressed = bool(h.getOrDefault("CompressedData", "False"));
			final long expected = (long) planeBytes * dims[2];
			final long headerSize = h.containsKey("HeaderSize") ? longs(file, h, "HeaderSize", 1)[0] : 0;
			final Path dataPath;
			final InputStream data;
			if (dataFile.equals("LOCAL")) {
				dataPath = file;
				data = in;
				if (!compressed && Files.size(file) - headerBytes < expected)
					throw new VolumeIOException(file, "truncated: " + (Files.size(file) - headerBytes) + " data bytes, DimSize " + h.get("DimSize") + " needs " + expected);
			}
			else {
				if (dataFile.equals("LIST") || dataFile.contains("%")) throw new VolumeIOException(file, "ElementDataFile " + dataFile + " (one file per slice) is not supported");
				dataPath = file.toAbsolutePath().getParent().resolve(dataFile);
				if (!Files.isRegularFile(dataPath)) throw new VolumeIOException(file, "data file " + dataPath + " not found");
				final long size = Files.size(dataPath);
				final long skip = headerSize == -1 ? size - expected : headerSize;
				if (!compressed && (skip < 0 || size - skip < expected))
					throw new VolumeIOException(file, "truncated: data file " + dataFile + " has " + size + " bytes, DimSize " + h.get("DimSize") + " needs "
						+ expected + (skip > 0 ? " after a header of " + skip : ""));
				if (skip < 0) throw new VolumeIOException(file, "HeaderSize " + headerSize + " is not a size");
				data = new BufferedInputStream(Files.newInputStream(dataPath), 1 << 16);
				try {
					skipFully(data, skip, file, dataFile);
				}
				catch (final IOException e) {
					data.close();
					throw e;
				}
			}
			final java.util.zip.Inflater inflater = compressed ? new java.util.zip.Inflater() : null;
			try (InputStream samples = compressed ? new InflaterInputStream(data, inflater, 1 << 16) : data) {
				final String what = dataPath.equals(file) ? "the inline data" : "data file " + dataFile;
				final RawVolumes.PlaneReader planes = new RawVolumes.PlaneReader(samples, file, what, planeBytes, msb ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
				return RawVolumes.volume(file, type, (int) dims[0], (int) dims[1], (int) dims[2], 1, 0, planes::plane, g, VolumeInfo.ofSource(file.toString()));
			}
			catch (final VolumeIOException e) {
				throw e;
			}
			catch (final IOException e) {
				throw new VolumeIOException(file, (compressed ? "corrupt compressed data in " : "cannot read ") + dataPath.getFileName() + ": " + e.getMessage(), e);
			}
			finally {
				// an Inflater passed in is not ended by the stream
				if (inflater != null) inflater.end();
			}
		}
	}

	/** Reads "Key = Value" lines up to and including ElementDataFile; @return the bytes consumed */
	private static long readHeader(final InputStream in, final Path file, final Map<String, String> h) throws IOException {
		final ByteArrayOutputStream line = new ByteArrayOutputStream();
		long consumed = 0;
		while (true) {
			final int c = in.read();
			if (c >= 0) consumed++;
			if (c >= 0 && c != '\n') {
				if (consumed > MAX_HEADER) throw new VolumeIOException(file, "not a MetaImage header (no ElementDataFile in the first " + MAX_HEADER + " bytes)");
				line.write(c);
				continue;
			}
			final String text = line.toString(StandardCharsets.ISO_8859_1).trim();
			line.reset();
			if (!text.isEmpty()) {
				final int eq = text.indexOf('=');
				if (eq < 0) throw new VolumeIOException(file, "not a MetaImage header (line without '=': " + abbreviate(text) + ")");
				final String key = text.substring(0, eq).trim(), value = text.substring(eq + 1).trim();
				h.put(key, value);
				if (key.equals("ElementDataFile")) {
					if (value.isEmpty()) throw new VolumeIOException(file, "empty ElementDataFile");
					return consumed;
				}
			}
			if (c < 0) throw new VolumeIOException(file, h.isEmpty() ? "empty file, not a MetaImage header" : "MetaImage header has no ElementDataFile");
		}
	}

	private static void skipFully(final InputStream in, final long n, final Path file, final String dataFile) throws IOException {
		long left = n;
		while (left > 0) {
			final long s = in.skip(left);
			if (s <= 0) {
				if (in.read() < 0) throw new VolumeIOException(file, "data file " + dataFile + " is shorter than HeaderSize " + n);
				left--;
			}
			else left -= s;
		}
	}

	private static double det(final double[] m) {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
	}

	private static boolean bool(final String s) {
		return "true".equalsIgnoreCase(s) || "1".equals(s);
	}

	/**
	 * Writes {@code name.mhd} with {@code name.raw} beside it, or a single {@code name.mha} (by the extension),
	 * uncompressed, little endian.
	 *
	 * @param v an int16, uint8 or float32 volume
	 * @param file the .mhd or .mha file
	 * @throws IOException when writing fails
	 */
	public static void write(final Volume<?> v, final Path file) throws IOException {
		write(v, file, false);
	}

	/**
	 * Writes {@code name.mhd} with {@code name.raw} (or zlib-compressed {@code name.zraw}) beside it, or a single
	 * {@code name.mha} with the data inline, by the extension. Slices are streamed (no second copy of the volume).
	 *
	 * @param v an int16, uint8 or float32 volume
	 * @param file the .mhd or .mha file
	 * @param compress zlib-compress the data ({@code CompressedData = True}, level 1: on CT within 1 % of level 6
	 *        in a third of the time), as ITK does for LUNA16's .zraw files
	 * @throws IOException when writing fails
	 */
	public static void write(final Volume<?> v, final Path file, final boolean compress) throws IOException {
		final RawVolumes.Planes planes = new RawVolumes.Planes(v.image());
		final Element type = planes.type();
		final String met = type == Element.INT16 ? "MET_SHORT" : type == Element.UINT8 ? "MET_UCHAR" : "MET_FLOAT";
		final String name = file.getFileName().toString();
		final String lower = name.toLowerCase(Locale.ROOT);
		final boolean inline = lower.endsWith(".mha");
		final String base = lower.endsWith(".mhd") || inline ? name.substring(0, name.length() - 4) : name;
		final Path dir = file.toAbsolutePath().getParent();
		final Path data = inline ? Files.createTempFile(dir, base, ".tmp") : dir.resolve(base + (compress ? ".zraw" : ".raw"));
		// a Deflater passed in is not ended by the stream: end it here, it holds native memory
		final Deflater deflater = compress ? new Deflater(Deflater.BEST_SPEED) : null;
		try {
			try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16);
				OutputStream out = compress ? new DeflaterOutputStream(raw, deflater, 1 << 16) : raw)
			{
				final ByteBuffer b = ByteBuffer.allocate(v.size(0) * v.size(1) * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
				for (int z = 0; z < v.size(2); z++) {
					planes.fill(z, b);
					out.write(b.array(), 0, b.limit());
				}
			}
			final byte[] header = header(v, met, compress, compress ? Files.size(data) : -1, inline ? "LOCAL" : data.getFileName().toString());
			if (inline) {
				try (OutputStream out = Files.newOutputStream(file)) {
					out.write(header);
					Files.copy(data, out);
				}
			}
			else Files.write(file, header);
		}
		finally {
			if (deflater != null) deflater.end();
			if (inline) Files.deleteIfExists(data);
		}
	}

	private static byte[] header(final Volume<?> v, final String met, final boolean compressed, final long compressedSize, final String dataFile) {
		final Geometry g = v.geometry();
		final double[] d = g.direction();
		final StringBuilder sb = new StringBuilder();
		sb.append("ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n");
		sb.append("CompressedData = ").append(compressed ? "True" : "False").append('\n');
		if (compressed) sb.append("CompressedDataSize = ").append(compressedSize).append('\n');
		// group i = direction of axis i = column i of LungPrep's row-major direction
		sb.append("TransformMatrix = ").append(nums(d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8])).append('\n');
		sb.append("Offset = ").append(nums(g.origin())).append('\n');
		sb.append("CenterOfRotation = 0 0 0\n");
		sb.append("AnatomicalOrientation = ").append(orientation(d)).append('\n');
		sb.append("ElementSpacing = ").append(nums(g.spacing())).append('\n');
		sb.append("DimSize = ").append(v.size(0)).append(' ').append(v.size(1)).append(' ').append(v.size(2)).append('\n');
		sb.append("ElementType = ").append(met).append('\n');
		sb.append("ElementDataFile = ").append(dataFile).append('\n');
		return sb.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * ITK's orientation letters: per axis, the side of the body it comes FROM along its dominant LPS component (+x
	 * points to the patient's left, so it comes from R). The identity is "RAI".
	 */
	static String orientation(final double[] direction) {
		final char[][] letters = { { 'R', 'L' }, { 'A', 'P' }, { 'I', 'S' } };
		final StringBuilder sb = new StringBuilder();
		for (int axis = 0; axis < 3; axis++) {
			int best = 0;
			for (int r = 1; r < 3; r++)
				if (Math.abs(direction[r * 3 + axis]) > Math.abs(direction[best * 3 + axis])) best = r;
			sb.append(letters[best][direction[best * 3 + axis] >= 0 ? 0 : 1]);
		}
		return sb.toString();
	}

	private static String nums(final double... v) {
		final StringBuilder sb = new StringBuilder();
		for (final double d : v)
			sb.append(sb.length() == 0 ? "" : " ").append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
		return sb.toString();
	}

	private static double[] doubles(final Path file, final Map<String, String> h, final String key, final int n, final double[] dflt) throws VolumeIOException {
		final String s = h.get(key);
		if (s == null) {
			if (dflt == null) throw new VolumeIOException(file, "MetaImage header has no " + key);
			return dflt;
		}
		final String[] parts = s.trim().split("\\s+");
		if (parts.length != n) throw new VolumeIOException(file, key + " needs " + n + " numbers, got '" + abbreviate(s) + "'");
		final double[] v = new double[n];
		try {
			for (int i = 0; i < n; i++)
				v[i] = Double.parseDouble(parts[i]);
		}
		catch (final NumberFormatException e) {
			throw new VolumeIOException(file, key + " is not numbers: '" + abbreviate(s) + "'");
		}
		for (final double d : v)
			if (!Double.isFinite(d)) throw new VolumeIOException(file, key + " is not finite: '" + abbreviate(s) + "'");
		return v;
	}

	private static long[] longs(final Path file, final Map<String, String> h, final String key, final int n) throws VolumeIOException {
		final double[] d = doubles(file, h, key, n, null);
		final long[] v = new long[n];
		for (int i = 0; i < n; i++) {
			if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > 1e15) throw new VolumeIOException(file, key + " must be whole numbers: '" + abbreviate(h.get(key)) + "'");
			v[i] = (long) d[i];
		}
		return v;
	}

	private static String abbreviate(final String s) {
		final String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
		return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
	}
}
