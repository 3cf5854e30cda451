package org.lungprep.ij1;

import java.util.Locale;

import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Volumes to and from ImageJ 1.x images.
 * <ul>
 * <li>HU (int16) becomes a 16-bit image with ImageJ's signed 16-bit calibration (stored = HU + 32768, function
 * c0 = -32768, c1 = 1, unit HU), so ImageJ shows and measures HU. The offset needs a copy.</li>
 * <li>Masks and labels (uint8) become 8-bit images sharing the volume's slice arrays; binary masks can be written as
 * 0/255 (ImageJ's binary convention) with {@link #toBinaryImagePlus}, which copies.</li>
 * <li>float32 becomes a 32-bit image sharing the slice arrays.</li>
 * </ul>
 * Voxel size goes to the {@link Calibration} in mm with the origin as ImageJ's pixel origin (xOrigin = -origin/spacing)
 * along the image axes; the exact LPS origin, the direction cosines, the series UID and the warnings are kept as image
 * properties ({@code LungPrep.origin}, {@code LungPrep.direction}, ...) so a round trip is lossless.
 */
public final class ImagePlusVolumes {

	/** Property keys. */
	public static final String ORIGIN = "LungPrep.origin", DIRECTION = "LungPrep.direction", SERIES_UID = "LungPrep.seriesUID",
		WARNINGS = "LungPrep.warnings", SOURCE = "LungPrep.source";

	private ImagePlusVolumes() { }

	/** @return a 16-bit HU image with calibration */
	public static ImagePlus toImagePlus(final Volume<ShortType> hu, final String title) {
		final PlanarImg<ShortType, ?> img = Planar.asShorts(hu.image());
		final int nx = hu.size(0), ny = hu.size(1), nz = hu.size(2);
		final ImageStack stack = new ImageStack(nx, ny);
		for (int z = 0; z < nz; z++) {
			final short[] src = Planar.plane(img, z);
			final short[] dst = new short[src.length];
			for (int i = 0; i < src.length; i++)
				dst[i] = (short) (src[i] + 32768);
			stack.addSlice("z=" + z, new ShortProcessor(nx, ny, dst, null));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		final Calibration c = calibration(hu.geometry());
		c.setSigned16BitCalibration();
		c.setValueUnit("HU");
		imp.setCalibration(c);
		imp.getProcessor().resetMinAndMax();
		imp.setDisplayRange(-1000 + 32768, 400 + 32768);
		keep(imp, hu);
		return imp;
	}

	/** @return an 8-bit image sharing the volume's arrays (values as they are: 0/1 masks or 0/1/2 labels) */
	public static ImagePlus toLabelImagePlus(final Volume<UnsignedByteType> labels, final String title) {
		final PlanarImg<UnsignedByteType, ?> img = Planar.asUnsignedBytes(labels.image());
		final ImageStack stack = new ImageStack(labels.size(0), labels.size(1));
		for (int z = 0; z < labels.size(2); z++)
			stack.addSlice("z=" + z, new ByteProcessor(labels.size(0), labels.size(1), (byte[]) Planar.plane(img, z)));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(calibration(labels.geometry()));
		imp.setDisplayRange(0, 2);
		keep(imp, labels);
		return imp;
	}

	/** @return an 8-bit binary image (0 and 255, ImageJ's convention) of a mask (any non-zero is foreground) */
	public static ImagePlus toBinaryImagePlus(final Volume<UnsignedByteType> mask, final String title) {
		final PlanarImg<UnsignedByteType, ?> img = Planar.asUnsignedBytes(mask.image());
		final ImageStack stack = new ImageStack(mask.size(0), mask.size(1));
		for (int z = 0; z < mask.size(2); z++) {
			final byte[] src = Planar.plane(img, z);
			final byte[] dst = new byte[src.length];
			for (int i = 0; i < src.length; i++)
				dst[i] = src[i] != 0 ? (byte) 255 : 0;
			stack.addSlice("z=" + z, new ByteProcessor(mask.size(0), mask.size(1), dst));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(calibration(mask.geometry()));
		keep(imp, mask);
		return imp;
	}

	/** @return a 32-bit image sharing the volume's arrays */
	public static ImagePlus toFloatImagePlus(final Volume<FloatType> v, final String title) {
		final PlanarImg<FloatType, ?> img = Planar.asFloats(v.image());
		final ImageStack stack = new ImageStack(v.size(0), v.size(1));
		for (int z = 0; z < v.size(2); z++)
			stack.addSlice("z=" + z, new FloatProcessor(v.size(0), v.size(1), (float[]) Planar.plane(img, z)));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(calibration(v.geometry()));
		imp.getProcessor().resetMinAndMax();
		keep(imp, v);
		return imp;
	}

	/**
	 * A 16-bit image as HU: with ImageJ's signed 16-bit calibration the offset is removed; otherwise the raw values are
	 * taken as HU (clamped to 32767).
	 *
	 * @throws IllegalArgumentException when the image is not 16-bit
	 */
	public static Volume<ShortType> huVolume(final ImagePlus imp) {
		if (imp.getBitDepth() != 16) throw new IllegalArgumentException(imp.getTitle() + ": a 16-bit CT image is needed, this one is " + imp.getBitDepth() + "-bit");
		if (imp.getProp(ORIGIN) == null && imp.getStackSize() > 1 && missingDicomHeader(imp) == null) return fromDicomStack(imp);
		final boolean signed = imp.getCalibration().isSigned16Bit();
		final ImageStack stack = imp.getStack();
		final PlanarImg<ShortType, ?> img = Planar.shorts(imp.getWidth(), imp.getHeight(), stack.getSize());
		for (int z = 0; z < stack.getSize(); z++) {
			final short[] src = (short[]) stack.getPixels(z + 1);
			final short[] dst = Planar.plane(img, z);
			for (int i = 0; i < src.length; i++) {
				final int raw = src[i] & 0xFFFF;
				dst[i] = (short) (signed ? raw - 32768 : Math.min(raw, 32767));
			}
		}
		return new Volume<>(img, geometry(imp), info(imp));
	}

	/** An 8-bit image as a mask/label volume, sharing its arrays. */
	public static Volume<UnsignedByteType> byteVolume(final ImagePlus imp) {
		if (imp.getBitDepth() != 8) throw new IllegalArgumentException(imp.getTitle() + ": an 8-bit mask is needed, this one is " + imp.getBitDepth() + "-bit");
		final ImageStack stack = imp.getStack();
		final PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(imp.getWidth(), imp.getHeight(), stack.getSize());
		for (int z = 0; z < stack.getSize(); z++)
			img.setPlane(z, new ByteArray((byte[]) stack.getPixels(z + 1)));
		return new Volume<>(img, geometry(imp), info(imp));
	}

	/** A 32-bit image as a float volume, sharing its arrays. */
	public static Volume<FloatType> floatVolume(final ImagePlus imp) {
		if (imp.getBitDepth() != 32) throw new IllegalArgumentException(imp.getTitle() + ": a 32-bit image is needed, this one is " + imp.getBitDepth() + "-bit");
		final ImageStack stack = imp.getStack();
		final PlanarImg<FloatType, FloatArray> img = PlanarImgs.floats(imp.getWidth(), imp.getHeight(), stack.getSize());
		for (int z = 0; z < stack.getSize(); z++)
			img.setPlane(z, new FloatArray((float[]) stack.getPixels(z + 1)));
		return new Volume<>(img, geometry(imp), info(imp));
	}

	static Calibration calibration(final Geometry g) {
		final Calibration c = new Calibration();
		c.setUnit("mm");
		c.pixelWidth = g.spacing(0);
		c.pixelHeight = g.spacing(1);
		c.pixelDepth = g.spacing(2);
		final double[] o = g.origin();
		c.xOrigin = -o[0] / g.spacing(0);
		c.yOrigin = -o[1] / g.spacing(1);
		c.zOrigin = -o[2] / g.spacing(2);
		return c;
	}

	/** Geometry from the exact properties when present, else from the calibration (identity direction). */
	public static Geometry geometry(final ImagePlus imp) {
		final Calibration c = imp.getCalibration();
		final boolean mm = c.scaled() && !"pixel".equalsIgnoreCase(c.getUnit());
		final double sx = mm ? c.pixelWidth : 1, sy = mm ? c.pixelHeight : 1, sz = mm && c.pixelDepth > 0 ? c.pixelDepth : 1;
		final double[] origin = numbers(imp.getProp(ORIGIN), 3);
		final double[] direction = numbers(imp.getProp(DIRECTION), 9);
		return new Geometry(new double[] { sx, sy, sz }, origin != null ? origin : new double[] { -c.xOrigin * sx, -c.yOrigin * sy, -c.zOrigin * sz },
			direction != null ? direction : new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
	}

	private static VolumeInfo info(final ImagePlus imp) {
		VolumeInfo info = VolumeInfo.ofSource(imp.getProp(SOURCE) != null ? imp.getProp(SOURCE) : imp.getTitle());
		if (imp.getProp(SERIES_UID) != null) info = info.withSeriesUid(imp.getProp(SERIES_UID));
		final String w = imp.getProp(WARNINGS);
		if (w != null && !w.isEmpty()) for (final String line : w.split("\n"))
			info = info.withWarning(line);
		return info;
	}

	private static void keep(final ImagePlus imp, final Volume<?> v) {
		imp.setProp(ORIGIN, join(v.geometry().origin()));
		imp.setProp(DIRECTION, join(v.geometry().direction()));
		imp.setProp(SOURCE, v.info().source());
		imp.setProp(SERIES_UID, v.info().seriesUid());
		imp.setProp(WARNINGS, String.join("\n", v.info().warnings()));
	}

	private static String join(final double[] v) {
		final StringBuilder sb = new StringBuilder();
		for (final double d : v)
			sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.17g", d));
		return sb.toString();
	}

	private static double[] numbers(final String s, final int n) {
		if (s == null || s.trim().isEmpty()) return null;
		final String[] parts = s.trim().split("\\s+");
		if (parts.length != n) return null;
		final double[] v = new double[n];
		try {
			for (int i = 0; i < n; i++)
				v[i] = Double.parseDouble(parts[i]);
		}
		catch (final NumberFormatException e) {
			return null;
		}
		return v;
	}

	/** @return why the stack's slice labels do not hold DICOM headers with positions, or null when every one does */
	public static String missingDicomHeader(final ImagePlus imp) {
		final ij.ImageStack stack = imp.getStack();
		for (int i = 0; i < stack.getSize(); i++)
			if (headerNumbers(stack.getSliceLabel(i + 1), "0020,0032", 3) == null) return "slice " + (i + 1) + " has no Image Position (Patient) in its label";
		return null;
	}

	/**
	 * A stack opened by ImageJ's File › Import › Image Sequence (slices sorted by InstanceNumber, one spacing for all,
	 * each slice's DICOM header in its label): the values ImageJ's calibration gives (HU), in order along the slice
	 * normal, with the spacing and checks of a scanned series, and a warning when ImageJ's order was different.
	 */
	static Volume<ShortType> fromDicomStack(final ImagePlus imp) {
		final ij.ImageStack stack = imp.getStack();
		final int n = stack.getSize();
		final double[][] positions = new double[n][];
		final int[] instance = new int[n];
		double[] orientation = null, spacing = null;
		for (int i = 0; i < n; i++) {
			final String header = stack.getSliceLabel(i + 1);
			positions[i] = headerNumbers(header, "0020,0032", 3);
			final double[] in = headerNumbers(header, "0020,0013", 1);
			instance[i] = in == null ? i : (int) in[0];
			if (orientation == null) orientation = headerNumbers(header, "0020,0037", 6);
			if (spacing == null) spacing = headerNumbers(header, "0028,0030", 2);
		}
		final org.lungprep.io.dicom.SliceOrder so = org.lungprep.io.dicom.SliceOrder.of(positions, orientation, spacing, instance, imp.getHeight(), imp.getWidth());
		final int[] order = so.order();
		final Calibration cal = imp.getCalibration();
		final PlanarImg<ShortType, ?> img = Planar.shorts(imp.getWidth(), imp.getHeight(), order.length);
		for (int k = 0; k < order.length; k++) {
			final short[] src = (short[]) stack.getPixels(order[k] + 1);
			final short[] dst = Planar.plane(img, k);
			for (int i = 0; i < src.length; i++)
				dst[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(cal.getCValue(src[i] & 0xFFFF))));
		}
		final java.util.List<String> warnings = new java.util.ArrayList<>(so.warnings());
		if (!so.wasOrdered()) warnings.add("the stack was not in position order (ImageJ sorts DICOM by InstanceNumber); slices reordered along the slice normal");
		for (final String w : warnings)
			ij.IJ.log("LungPrep warning (" + imp.getTitle() + "): " + w);
		return new Volume<>(img, so.geometry(), VolumeInfo.ofSource(imp.getTitle()).withModality("CT").withWarnings(warnings));
	}

	/** @return the numbers after "tag ... :" in a DICOM header text as ImageJ writes it, or null */
	static double[] headerNumbers(final String header, final String tag, final int count) {
		if (header == null) return null;
		for (final String line : header.split("\n")) {
			if (!line.startsWith(tag)) continue;
			final int colon = line.indexOf(':');
			if (colon < 0) return null;
			final String[] parts = line.substring(colon + 1).trim().split("\\\\");
			if (parts.length < count) return null;
			final double[] v = new double[count];
			try {
				for (int i = 0; i < count; i++)
					v[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				return null;
			}
			return v;
		}
		return null;
	}
}
