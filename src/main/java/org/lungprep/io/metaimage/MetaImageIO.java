package org.lungprep.io.metaimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.InflaterInputStream;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.RawVolumes;
import org.lungprep.io.RawVolumes.Element;

/**
 * MetaImage ({@code .mhd} with a separate {@code .raw}/{@code .zraw}, or {@code .mha} with the data inline), the
 * LUNA16 format. MetaImage space is LPS, like DICOM and LungPrep: {@code Offset} (or {@code Position}/{@code Origin})
 * is the centre of the first voxel; {@code TransformMatrix} lists the direction of the x axis, then y, then z (ITK's
 * convention: each group of three is one axis); {@code ElementSpacing} is x y z. Element types MET_UCHAR, MET_CHAR,
 * MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT, MET_DOUBLE are read (int16 and uint8 stay as they are, the rest
 * become float32); int16, uint8 and float32 are written.
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

	private MetaImageIO() { }

	/**
	 * @param file the .mhd or .mha file
	 * @return the volume (ShortType, UnsignedByteType or FloatType)
	 * @throws VolumeIOException naming the file and what is wrong
	 */
	public static Volume<?> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new VolumeIOException(file, "no such file");
		if (Files.size(file) > Integer.MAX_VALUE - 16) throw new VolumeIOException(file, "file too large for a MetaImage header");
		final byte[] all = Files.readAllBytes(file);
		final Map<String, String> h = new LinkedHashMap<>();
		int pos = 0;
		String dataFile = null;
		while (pos < all.length && dataFile == null) {
			int end = pos;
			while (end < all.length && all[end] != '\n')
				end++;
			final String line = new String(all, pos, end - pos, StandardCharsets.ISO_8859_1).trim();
			pos = Math.min(all.length, end + 1);
			if (line.isEmpty()) continue;
			final int eq = line.indexOf('=');
			if (eq < 0) throw new VolumeIOException(file, "not a MetaImage header (line without '=': " + abbreviate(line) + ")");
			final String key = line.substring(0, eq).trim(), value = line.substring(eq + 1).trim();
			h.put(key, value);
			if (key.equals("ElementDataFile")) dataFile = value;
			if (h.size() > 200) throw new VolumeIOException(file, "not a MetaImage header (no ElementDataFile)");
		}
		if (dataFile == null) throw new VolumeIOException(file, "MetaImage header has no ElementDataFile");
		if (!"3".equals(h.getOrDefault("NDims", "3"))) throw new VolumeIOException(file, "NDims " + h.get("NDims") + " (LungPrep reads 3-D volumes)");
		final long[] dims = longs(file, h, "DimSize", 3, null);
		for (final long d : dims)
			if (d < 1 || d > 65535) throw new VolumeIOException(file, "DimSize " + h.get("DimSize") + " is not a sensible volume size");
		final Element type = TYPES.get(h.getOrDefault("ElementType", ""));
		if (type == null) throw new VolumeIOException(file, "ElementType '" + h.get("ElementType") + "' is not supported (MET_SHORT, MET_UCHAR, MET_FLOAT, ...)");
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
		final boolean msb = "true".equalsIgnoreCase(h.getOrDefault("ElementByteOrderMSB", h.getOrDefault("BinaryDataByteOrderMSB", "False")));
		final boolean compressed = "true".equalsIgnoreCase(h.getOrDefault("CompressedData", "False"));
		final int nx = (int) dims[0], ny = (int) dims[1], nz = (int) dims[2];
		final long planeBytes = (long) nx * ny * type.bytes();
		if (planeBytes > Integer.MAX_VALUE) throw new VolumeIOException(file, "slices of " + planeBytes + " bytes are too large");
		final byte[] data;
		final long expected = planeBytes * nz;
		if (dataFile.equals("LOCAL")) {
			if (compressed) data = inflate(file, all, pos, all.length - pos, expected);
			else {
				if (all.length - pos < expected) throw new VolumeIOException(file, "truncated: " + (all.length - pos) + " data bytes, DimSize needs " + expected);
				data = java.util.Arrays.copyOfRange(all, pos, (int) Math.min(all.length, pos + expected));
			}
		}
		else {
			if (dataFile.equals("LIST") || dataFile.contains("%")) throw new VolumeIOException(file, "ElementDataFile " + dataFile + " (one file per slice) is not supported");
			final Path raw = file.toAbsolutePath().getParent().resolve(dataFile);
			if (!Files.isRegularFile(raw)) throw new VolumeIOException(file, "data file " + raw + " not found");
			final long size = Files.size(raw);
			if (compressed) {
				if (size > Integer.MAX_VALUE) throw new VolumeIOException(raw, "compressed data too large");
				data = inflate(raw, Files.readAllBytes(raw), 0, (int) size, expected);
			}
			else {
				if (size < expected) throw new VolumeIOException(raw, "truncated: " + size + " bytes, DimSize " + h.get("DimSize") + " needs " + expected);
				if (expected > Integer.MAX_VALUE - 16) throw new VolumeIOException(raw, "volume too large");
				data = new byte[(int) expected];
				try (InputStream in = Files.newInputStream(raw)) {
					int o = 0;
					while (o < data.length) {
						final int r = in.read(data, o, data.length - o);
						if (r < 0) throw new VolumeIOException(raw, "truncated");
						o += r;
					}
				}
			}
		}
		final ByteOrder order = msb ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		return RawVolumes.volume(type, nx, ny, nz, 1, 0, z -> ByteBuffer.wrap(data, (int) (z * planeBytes), (int) planeBytes).slice().order(order),
			new Geometry(spacing, origin, direction), VolumeInfo.ofSource(file.toString()));
	}

	private static byte[] inflate(final Path file, final byte[] src, final int off, final int len, final long expected) throws VolumeIOException {
		if (expected > Integer.MAX_VALUE - 16) throw new VolumeIOException(file, "volume too large");
		final byte[] out = new byte[(int) expected];
		try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(src, off, len))) {
			int o = 0;
			while (o < out.length) {
				final int r = in.read(out, o, out.length - o);
				if (r < 0) throw new VolumeIOException(file, "compressed data end after " + o + " of " + expected + " bytes");
				o += r;
			}
		}
		catch (final IOException e) {
			if (e instanceof VolumeIOException) throw (VolumeIOException) e;
			throw new VolumeIOException(file, "corrupt compressed data: " + e.getMessage(), e);
		}
		return out;
	}

	/**
	 * Writes {@code name.mhd} and {@code name.raw} (little endian) side by side.
	 *
	 * @param v an int16, uint8 or float32 volume
	 * @param file the .mhd file
	 * @throws IOException when writing fails
	 */
	public static void write(final Volume<?> v, final Path file) throws IOException {
		final Element type = RawVolumes.typeOf(v);
		final String met = type == Element.INT16 ? "MET_SHORT" : type == Element.UINT8 ? "MET_UCHAR" : "MET_FLOAT";
		final String name = file.getFileName().toString();
		final String base = name.toLowerCase(Locale.ROOT).endsWith(".mhd") ? name.substring(0, name.length() - 4) : name;
		final Path raw = file.toAbsolutePath().getParent().resolve(base + ".raw");
		final Geometry g = v.geometry();
		final double[] d = g.direction();
		final StringBuilder sb = new StringBuilder();
		sb.append("ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = False\n");
		sb.append("TransformMatrix = ").append(nums(d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8])).append('\n');
		sb.append("Offset = ").append(nums(g.origin())).append('\n');
		sb.append("CenterOfRotation = 0 0 0\nAnatomicalOrientation = RAI\n");
		sb.append("ElementSpacing = ").append(nums(g.spacing())).append('\n');
		sb.append("DimSize = ").append(v.size(0)).append(' ').append(v.size(1)).append(' ').append(v.size(2)).append('\n');
		sb.append("ElementType = ").append(met).append('\n');
		sb.append("ElementDataFile = ").append(raw.getFileName()).append('\n');
		final ByteBuffer b = ByteBuffer.allocate(v.size(0) * v.size(1) * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
		try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			for (int z = 0; z < v.size(2); z++) {
				RawVolumes.fill(v, z, b);
				while (b.hasRemaining())
					ch.write(b);
			}
		}
		Files.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
	}

	private static String nums(final double... v) {
		final StringBuilder sb = new StringBuilder();
		for (final double d : v)
			sb.append(sb.length() == 0 ? "" : " ").append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
		return sb.toString();
	}

	private static double[] doubles(final Path file, final Map<String, String> h, final String key, final int n, final double[] dflt) throws VolumeIOException {
		final String s = h.get(key);
		if (s == null) return dflt;
		final String[] parts = s.trim().split("\\s+");
		if (parts.length != n) throw new VolumeIOException(file, key + " needs " + n + " numbers, got '" + s + "'");
		final double[] v = new double[n];
		try {
			for (int i = 0; i < n; i++)
				v[i] = Double.parseDouble(parts[i]);
		}
		catch (final NumberFormatException e) {
			throw new VolumeIOException(file, key + " is not numbers: '" + s + "'");
		}
		for (final double d : v)
			if (!Double.isFinite(d)) throw new VolumeIOException(file, key + " is not finite: '" + s + "'");
		return v;
	}

	private static long[] longs(final Path file, final Map<String, String> h, final String key, final int n, final long[] dflt) throws VolumeIOException {
		final String s = h.get(key);
		if (s == null) {
			if (dflt == null) throw new VolumeIOException(file, "MetaImage header has no " + key);
			return dflt;
		}
		final double[] d = doubles(file, h, key, n, null);
		final long[] v = new long[n];
		for (int i = 0; i < n; i++) {
			if (d[i] != Math.rint(d[i])) throw new VolumeIOException(file, key + " must be whole numbers: '" + s + "'");
			v[i] = (long) d[i];
		}
		return v;
	}

	private static String abbreviate(final String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

}
