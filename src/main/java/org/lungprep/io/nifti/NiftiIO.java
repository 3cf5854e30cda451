package org.lungprep.io.nifti;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.lungprep.core.Geometry;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.ParallelGzipOutputStream;
import org.lungprep.io.RawVolumes;
import org.lungprep.io.RawVolumes.Element;

/**
 * NIfTI-1 single files ({@code .nii}, {@code .nii.gz}; gzip is recognised by its content, not the name).
 * <p>
 * <b>RAS vs LPS.</b> NIfTI's world space is RAS+ (+x towards the patient's right, +y anterior, +z superior); DICOM,
 * MetaImage and LungPrep use LPS+ (+x left, +y posterior, +z superior). So {@code x_RAS = -x_LPS},
 * {@code y_RAS = -y_LPS}, {@code z_RAS = z_LPS}: the first two rows of the 4x4 affine change sign on reading and on
 * writing; nothing else changes (the voxel order on disk is the image's x fastest, then y, then z, as LungPrep's).
 * <p>
 * <b>Reading.</b> The affine is the sform when sform_code &gt; 0 (as nibabel's get_best_affine), else the qform
 * (quaternion, qfac = sign of pixdim[0]; a quaternion with b&sup2; + c&sup2; + d&sup2; &gt; 1 is renormalised as
 * nifti1_io.c does) when qform_code &gt; 0, else pixdim alone (NIfTI's "method 1": in RAS, so LPS x and y reversed).
 * Spatial units in metres or microns are converted to mm (unknown units are taken as mm). Its columns become spacing
 * (their lengths) and direction (unit vectors, which must not be parallel); a shear is kept in the direction as given.
 * scl_slope/scl_inter are applied (slope 0 means none): integer data with whole-number scaling whose results fit stay
 * int16 exactly (a dcm2niix CT of uint16 + intercept -1024 is int16 HU), fractional or overflowing scaling gives
 * float32; see {@link RawVolumes}. Data types uint8, int8, int16, uint16, int32, uint32, float32, float64 are read in
 * either byte order; 3-D (or 4-D with one volume) only; extensions are skipped by vox_offset.
 * <p>
 * <b>Writing.</b> int16, uint8 and float32 volumes, little endian, vox_offset 352, xyzt_units mm + s, descrip
 * "LungPrep"; sform (srow, exact to float32) and qform (quaternion + qfac + pixdim, exact for orthonormal directions)
 * both with code 1 (scanner anatomical) describe the same affine, so tools that read only one of them agree.
 * {@code .nii.gz} is gzip level 1, as nibabel writes by default.
 */
public final class NiftiIO {

	private static final int HEADER = 348, OFFSET = 352;

	private NiftiIO() { }

	/**
	 * @param file a .nii or .nii.gz file (gzip is recognised by its magic bytes, whatever the name)
	 * @return the volume (ShortType, UnsignedByteType or FloatType; see {@link org.lungprep.io.RawVolumes} for the
	 *         value policy)
	 * @throws VolumeIOException naming the file and what is wrong
	 */
	public static Volume<?> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new VolumeIOException(file, "no such file");
		final long fileSize = Files.size(file);
		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			raw.mark(2);
			final boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
			raw.reset();
			final InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
			final byte[] hb = in.readNBytes(HEADER);
			if (hb.length < HEADER) throw new VolumeIOException(file, "not a NIfTI-1 file (shorter than its 348-byte header)");
			final ByteBuffer h = ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN);
			if (h.getInt(0) != HEADER) {
				h.order(ByteOrder.BIG_ENDIAN);
				if (h.getInt(0) != HEADER) throw new VolumeIOException(file, "not a NIfTI-1 file (sizeof_hdr is not 348)");
			}
			final String magic = new String(hb, 344, 3, StandardCharsets.ISO_8859_1);
			if (!magic.equals("n+1")) throw new VolumeIOException(file, "not a single-file NIfTI-1 (magic '" + printable(magic) + "'; .hdr/.img pairs are not supported)");
			final int ndim = h.getShort(40);
			final int nx = h.getShort(42), ny = h.getShort(44), nz = ndim >= 3 ? h.getShort(46) : 1;
			if (ndim < 2 || ndim > 7 || nx < 1 || ny < 1 || nz < 1) throw new VolumeIOException(file, "bad dimensions dim[0..3] = " + ndim + ", " + nx + ", " + ny + ", " + nz);
			for (int d = 4; d <= ndim; d++)
				if (h.getShort(40 + 2 * d) > 1) throw new VolumeIOException(file, "a " + ndim + "-D image with dim[" + d + "] = " + h.getShort(40 + 2 * d) + " (LungPrep reads 3-D volumes)");
			final int datatype = h.getShort(70);
			final Element type = type(datatype);
			if (type == null) throw new VolumeIOException(file, "NIfTI datatype " + datatype + " is not supported (uint8, int8, int16, uint16, int32, uint32, float32, float64 are)");
			final int planeBytes = RawVolumes.planeBytes(file, type, nx, ny, nz);
			final float[] pixdim = new float[8];
			for (int i = 0; i < 8; i++)
				pixdim[i] = h.getFloat(76 + 4 * i);
			final float voxOffset = h.getFloat(108);
			if (!(voxOffset >= HEADER) || voxOffset > Integer.MAX_VALUE) throw new VolumeIOException(file, "vox_offset " + voxOffset + " is not a data offset");
			if (!gz && (long) voxOffset + (long) planeBytes * nz > fileSize)
				throw new VolumeIOException(file, "truncated: " + nx + "x" + ny + "x" + nz + " voxels need " + ((long) voxOffset + (long) planeBytes * nz) + " bytes, the file has " + fileSize);
			// NIfTI: scl_slope 0 (or not finite) means "no scaling"
			final float slope = h.getFloat(112), inter = h.getFloat(116);
			final boolean scaled = slope != 0 && Float.isFinite(slope) && Float.isFinite(inter);
			final Geometry g = geometry(affine(h, pixdim), file);
			skipFully(in, (long) voxOffset - HEADER, file);
			final RawVolumes.PlaneReader planes = new RawVolumes.PlaneReader(in, file, planeBytes, h.order());
			return RawVolumes.volume(file, type, nx, ny, nz, scaled ? slope : 1, scaled ? inter : 0, planes::plane, g, VolumeInfo.ofSource(file.toString()));
		}
		catch (final VolumeIOException e) {
			throw e;
		}
		catch (final IOException e) {
			// a damaged or empty .gz, or a read error: the project's own error, naming the file
			throw new VolumeIOException(file, "cannot read: " + e, e);
		}
	}

	private static void skipFully(final InputStream in, final long n, final Path file) throws IOException {
		long left = n;
		while (left > 0) {
			final long s = in.skip(left);
			if (s <= 0) {
				if (in.read() < 0) throw new VolumeIOException(file, "truncated before vox_offset " + (n + HEADER));
				left--;
			}
			else left -= s;
		}
	}

	private static String printable(final String s) {
		return s.replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static Element type(final int datatype) {
		switch (datatype) {
			case 2: return Element.UINT8;
			case 4: return Element.INT16;
			case 8: return Element.INT32;
			case 16: return Element.FLOAT32;
			case 64: return Element.FLOAT64;
			case 256: return Element.INT8;
			case 512: return Element.UINT16;
			case 768: return Element.UINT32;
			default: return null;
		}
	}

	/**
	 * @return the 3x4 RAS affine in mm (row-major, rows x y z): the sform when sform_code &gt; 0 (as nibabel's
	 *         get_best_affine does), else the qform when qform_code &gt; 0, else the voxel sizes alone (NIfTI's
	 *         "method 1", ANALYZE compatibility)
	 */
	private static double[] affine(final ByteBuffer h, final float[] pixdim) {
		final int qcode = h.getShort(252), scode = h.getShort(254);
		// xyzt_units & 7: 1 metre, 2 mm, 3 micron; 0 (unknown) is taken as mm, as every reader does
		final int units = h.get(123) & 7;
		final double mm = units == 1 ? 1000 : units == 3 ? 0.001 : 1;
		final double dx = Math.abs(pixdim[1]) > 0 ? Math.abs(pixdim[1]) : 1, dy = Math.abs(pixdim[2]) > 0 ? Math.abs(pixdim[2]) : 1,
			dz = Math.abs(pixdim[3]) > 0 ? Math.abs(pixdim[3]) : 1;
		final double[] a;
		if (scode > 0) {
			a = new double[12];
			for (int i = 0; i < 12; i++)
				a[i] = h.getFloat(280 + 4 * i);
		}
		else if (qcode > 0) {
			double b = h.getFloat(256), c = h.getFloat(260), d = h.getFloat(264);
			// quatern_a is implied (a >= 0); rounding can make b^2 + c^2 + d^2 exceed 1 (a 180 degree turn): renormalise
			// as nifti1_io.c does
			final double a2 = 1 - (b * b + c * c + d * d);
			final double qa;
			if (a2 < 1e-7) {
				final double norm = Math.sqrt(b * b + c * c + d * d);
				b /= norm;
				c /= norm;
				d /= norm;
				qa = 0;
			}
			else qa = Math.sqrt(a2);
			final double qfac = pixdim[0] < 0 ? -1 : 1;
			final double[][] r = {
				{ qa * qa + b * b - c * c - d * d, 2 * (b * c - qa * d), 2 * (b * d + qa * c) },
				{ 2 * (b * c + qa * d), qa * qa + c * c - b * b - d * d, 2 * (c * d - qa * b) },
				{ 2 * (b * d - qa * c), 2 * (c * d + qa * b), qa * qa + d * d - c * c - b * b } };
			a = new double[] {
				r[0][0] * dx, r[0][1] * dy, r[0][2] * dz * qfac, h.getFloat(268),
				r[1][0] * dx, r[1][1] * dy, r[1][2] * dz * qfac, h.getFloat(272),
				r[2][0] * dx, r[2][1] * dy, r[2][2] * dz * qfac, h.getFloat(276) };
		}
		else a = new double[] { dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0 };
		for (int i = 0; i < 12; i++)
			a[i] *= mm;
		return a;
	}

	/** RAS affine to LPS geometry: flip the first two rows, then split the columns into spacing and direction. */
	private static Geometry geometry(final double[] ras, final Path file) throws VolumeIOException {
		for (final double a : ras)
			if (!Double.isFinite(a)) throw new VolumeIOException(file, "the affine (sform, qform or pixdim) is not finite: " + java.util.Arrays.toString(ras));
		final double[] spacing = new double[3], direction = new double[9], origin = new double[3];
		for (int c = 0; c < 3; c++) {
			final double x = -ras[c], y = -ras[4 + c], z = ras[8 + c];
			final double n = Math.sqrt(x * x + y * y + z * z);
			if (!(n > 0) || !Double.isFinite(n)) throw new VolumeIOException(file, "degenerate affine (column " + c + " is zero)");
			spacing[c] = n;
			direction[c] = x / n;
			direction[3 + c] = y / n;
			direction[6 + c] = z / n;
		}
		final double[] m = direction;
		final double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
		if (Math.abs(det) < 1e-3) throw new VolumeIOException(file, "degenerate affine (its axes are (nearly) parallel): " + java.util.Arrays.toString(ras));
		origin[0] = -ras[3];
		origin[1] = -ras[7];
		origin[2] = ras[11];
		try {
			return new Geometry(spacing, origin, direction);
		}
		catch (final IllegalArgumentException e) {
			throw new VolumeIOException(file, "unusable affine: " + e.getMessage());
		}
	}


	/**
	 * @param v an int16, uint8 or float32 volume
	 * @param file a .nii or .nii.gz file (gzip by the name)
	 * @throws IOException when writing fails
	 */
	public static void write(final Volume<?> v, final Path file) throws IOException {
		final RawVolumes.Planes planes = new RawVolumes.Planes(v.image());
		final Element type = planes.type();
		for (int dim = 0; dim < 3; dim++)
			if (v.image().dimension(dim) > Short.MAX_VALUE)
				throw new IllegalArgumentException(file + ": NIfTI-1 stores at most 32767 voxels per axis, dimension " + dim + " is " + v.image().dimension(dim));
		final Geometry g = v.geometry();
		final double[] d = g.direction(), s = g.spacing(), o = g.origin();
		// LPS columns (direction * spacing) to RAS rows
		final double[][] m = new double[3][4];
		for (int c = 0; c < 3; c++) {
			m[0][c] = -d[c] * s[c];
			m[1][c] = -d[3 + c] * s[c];
			m[2][c] = d[6 + c] * s[c];
		}
		m[0][3] = -o[0];
		m[1][3] = -o[1];
		m[2][3] = o[2];
		final ByteBuffer h = ByteBuffer.allocate(OFFSET).order(ByteOrder.LITTLE_ENDIAN);
		h.putInt(0, HEADER);
		h.putShort(40, (short) 3);
		h.putShort(42, (short) v.size(0));
		h.putShort(44, (short) v.size(1));
		h.putShort(46, (short) v.size(2));
		for (int i = 4; i <= 7; i++)
			h.putShort(40 + 2 * i, (short) 1);
		h.putShort(70, (short) (type == Element.INT16 ? 4 : type == Element.UINT8 ? 2 : 16));
		h.putShort(72, (short) (type.bytes() * 8));
		// qform from the rotation part (with qfac for a left-handed frame)
		final double[][] r = new double[3][3];
		for (int i = 0; i < 3; i++)
			for (int c = 0; c < 3; c++)
				r[i][c] = m[i][c] / s[c];
		double qfac = 1;
		final double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
			+ r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
		if (det < 0) {
			qfac = -1;
			for (int i = 0; i < 3; i++)
				r[i][2] = -r[i][2];
		}
		final double[] q = quaternion(r);
		h.putFloat(76, (float) qfac);
		h.putFloat(80, (float) s[0]);
		h.putFloat(84, (float) s[1]);
		h.putFloat(88, (float) s[2]);
		h.putFloat(108, OFFSET);
		h.putFloat(112, 1);
		h.putFloat(116, 0);
		h.put(123, (byte) 10); // xyzt_units: mm and seconds
		h.position(148);
		h.put("LungPrep".getBytes(StandardCharsets.US_ASCII)); // descrip
		h.putShort(252, (short) 1);
		h.putShort(254, (short) 1);
		h.putFloat(256, (float) q[1]);
		h.putFloat(260, (float) q[2]);
		h.putFloat(264, (float) q[3]);
		h.putFloat(268, (float) m[0][3]);
		h.putFloat(272, (float) m[1][3]);
		h.putFloat(276, (float) m[2][3]);
		for (int i = 0; i < 3; i++)
			for (int c = 0; c < 4; c++)
				h.putFloat(280 + 16 * i + 4 * c, (float) m[i][c]);
		h.position(344);
		h.put(new byte[] { 'n', '+', '1', 0 });
		final boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
		try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
			OutputStream out = gz ? fastGzip(raw) : raw)
		{
			out.write(h.array());
			final ByteBuffer b = ByteBuffer.allocate(v.size(0) * v.size(1) * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
			for (int z = 0; z < v.size(2); z++) {
				planes.fill(z, b);
				out.write(b.array(), 0, b.limit());
			}
		}
	}

	/**
	 * gzip at level 1, as nibabel writes .nii.gz by default: CT compresses about as well (air and padding dominate) at a
	 * fraction of the time of level 6; on all cores (one gzip member, see {@link ParallelGzipOutputStream}).
	 */
	private static OutputStream fastGzip(final OutputStream raw) throws IOException {
		return new ParallelGzipOutputStream(raw, java.util.zip.Deflater.BEST_SPEED);
	}

	/** @return {a, b, c, d} of a proper rotation matrix (a &ge; 0) */
	static double[] quaternion(final double[][] r) {
		final double trace = r[0][0] + r[1][1] + r[2][2];
		double a, b, c, d;
		if (trace > 0) {
			final double s = 0.5 / Math.sqrt(trace + 1);
			a = 0.25 / s;
			b = (r[2][1] - r[1][2]) * s;
			c = (r[0][2] - r[2][0]) * s;
			d = (r[1][0] - r[0][1]) * s;
		}
		else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
			final double s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
			a = (r[2][1] - r[1][2]) / s;
			b = 0.25 * s;
			c = (r[0][1] + r[1][0]) / s;
			d = (r[0][2] + r[2][0]) / s;
		}
		else if (r[1][1] > r[2][2]) {
			final double s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
			a = (r[0][2] - r[2][0]) / s;
			b = (r[0][1] + r[1][0]) / s;
			c = 0.25 * s;
			d = (r[1][2] + r[2][1]) / s;
		}
		else {
			final double s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
			a = (r[1][0] - r[0][1]) / s;
			b = (r[0][2] + r[2][0]) / s;
			c = (r[1][2] + r[2][1]) / s;
			d = 0.25 * s;
		}
		if (a < 0) {
			a = -a;
			b = -b;
			c = -c;
			d = -d;
		}
		return new double[] { a, b, c, d };
	}
}
